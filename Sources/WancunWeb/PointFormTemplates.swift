/// The point forms: each input named by its field's column, each refusal beside its input.
extension Templates {
    static let recordForm = """
        <form method="post" action="{{action}}" id="{{id}}" class="record">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#refused}}<p class="error" role="alert">{{refused}}</p>{{/refused}}
        {{#general}}<p class="refusal" data-field="">{{.}}</p>{{/general}}
        {{#controls}}<div class="field{{#invalid}} invalid{{/invalid}}">
        {{#checkbox}}<label class="check"><input type="checkbox" id="{{formId}}-{{name}}" name="{{name}}" value="1"
        {{#checked}} checked{{/checked}}> {{label}}</label>{{/checkbox}}
        {{^checkbox}}<label for="{{formId}}-{{name}}">{{label}}{{#required}} *{{/required}}</label>
        {{#select}}<select id="{{formId}}-{{name}}" name="{{name}}"{{#invalid}} aria-invalid="true"{{/invalid}}>
        {{#groups}}{{#group}}<optgroup label="{{group}}">{{/group}}
        {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/options}}
        {{#group}}</optgroup>{{/group}}{{/groups}}</select>{{/select}}
        {{^select}}<input id="{{formId}}-{{name}}" name="{{name}}" type="{{type}}" value="{{value}}"
        {{#invalid}} aria-invalid="true"{{/invalid}}>{{/select}}{{/checkbox}}
        {{#hint}}<span class="hint">{{hint}}</span>{{/hint}}
        {{#errors}}<span class="refusal" data-field="{{name}}">{{.}}</span>{{/errors}}
        </div>
        {{/controls}}
        <button type="submit" id="{{button}}">{{save}}</button>
        </form>
        """

    static let actions = """
        <p class="actions">{{#links}}<a href="{{href}}" id="{{id}}" class="button">{{label}}</a> {{/links}}</p>
        """

    static let heading = """
        <h2>{{text}}</h2>
        """

    static let done = """
        <p class="done" role="status">{{text}}</p>
        """
}
