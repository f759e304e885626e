/// The templates of the 站长 pages.
extension Templates {
    static let operatorSearch = """
        <form method="post" action="/operators" class="search" id="operator-search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{townLabel}} <select name="town"><option value="">{{all}}</option>
        {{{townOptions}}}</select></label>
        <label>{{nameLabel}} <input name="name" value="{{name}}"></label>
        <label>{{idLabel}} <input name="id_number" value="{{idNumber}}" autocomplete="off"></label>
        <label>{{assignmentLabel}} <select name="assignment"><option value="">{{all}}</option>
        {{#states}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/states}}</select></label>
        <button type="submit" id="operator-find">{{search}}</button>
        </form>
        """

    /// An operator's form: every input named by its field's column, its refusals beside it.
    static let operatorForm = """
        {{#refused}}<p class="error" role="alert">{{refused}}</p>{{/refused}}
        {{#general}}<p class="error">{{.}}</p>{{/general}}
        {{#intro}}<p class="notice">{{intro}}</p>{{/intro}}
        <form method="post" action="{{action}}" class="record" id="operator-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#inputs}}<div class="field"><label>{{label}}
        {{#options}}<select name="{{name}}"{{#invalid}} aria-invalid="true"{{/invalid}}>
        {{#choices}}<option value="{{code}}"{{#chosen}} selected{{/chosen}}>{{text}}</option>{{/choices}}</select>{{/options}}
        {{#checkbox}}<input name="{{name}}" type="checkbox" value="1"{{#checked}} checked{{/checked}}>{{/checkbox}}
        {{^options}}{{^checkbox}}<input name="{{name}}" type="{{type}}" value="{{value}}" autocomplete="off"{{#hint}} placeholder="{{hint}}"{{/hint}}
        {{#invalid}} aria-invalid="true"{{/invalid}}>{{/checkbox}}{{/options}}
        </label>{{#note}}<span class="notice">{{note}}</span>{{/note}}{{#errors}}<span class="error">{{.}}</span>{{/errors}}</div>
        {{/inputs}}
        <div class="field"><button type="submit" id="operator-save">{{save}}</button></div>
        </form>
        """

    static let operatorActions = """
        <p class="actions">{{#edit}}<a href="{{edit}}" id="operator-edit">{{editLabel}}</a>{{/edit}}
        {{#reveal}}<form method="post" action="{{reveal}}" id="reveal-form"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" id="reveal-show">{{revealLabel}}</button></form>{{/reveal}}
        {{#revealed}}<span class="notice">{{revealed}}</span>{{/revealed}}</p>
        """

    static let operatorNew = """
        <p class="actions"><a href="/operators/new" id="operator-new">{{label}}</a></p>
        """
}
