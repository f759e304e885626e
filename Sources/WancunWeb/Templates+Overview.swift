/// The templates of 首页's additions, 报表, 审计 and the account pages.
extension Templates {
    static let chart = """
        <h2>{{caption}}</h2>
        {{#empty}}<p class="notice">{{empty}}</p>{{/empty}}{{^empty}}<figure class="chart">{{{svg}}}</figure>{{/empty}}
        """

    static let monthCheck = """
        <h2>{{caption}}</h2>
        <p class="check">{{text}}{{#href}} <a href="{{href}}" id="month-check">{{open}}</a>{{/href}}</p>
        """

    static let attention = """
        <h2>{{caption}}</h2>
        <div class="attention">{{#groups}}<section><h3>{{title}}</h3>
        {{^items}}<p class="notice">{{empty}}</p>{{/items}}<ul>{{#items}}<li><a href="{{href}}">{{label}}</a>
        {{#note}}<span class="note">{{note}}</span>{{/note}}</li>
        {{/items}}</ul></section>
        {{/groups}}</div>
        """

    static let download = """
        <p class="downloads"><a id="{{id}}" href="{{href}}" download>{{label}}</a></p>
        """

    static let auditSearch = """
        <form method="post" action="/audit" class="search" id="audit-filter">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{entityLabel}} <select name="entity"><option value="">{{all}}</option>
        {{#entities}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/entities}}</select></label>
        <label>{{keyLabel}} <input name="key" value="{{key}}"></label>
        <label>{{clerkLabel}} <input name="clerk" value="{{clerk}}"></label>
        <label>{{actionLabel}} <select name="action"><option value="">{{all}}</option>
        {{#actions}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/actions}}</select></label>
        <label>{{fromLabel}} <input name="from" type="date" value="{{from}}"></label>
        <label>{{toLabel}} <input name="to" type="date" value="{{to}}"></label>
        <button type="submit" id="audit-search">{{search}}</button>
        </form>
        """

    static let auditEntries = """
        {{#caption}}<h2>{{caption}}</h2>{{/caption}}
        {{^entries}}<p class="notice">{{empty}}</p>{{/entries}}<ol class="audit">{{#entries}}<li>
        <div class="head"><span class="at">{{at}}</span> <span class="clerk">{{clerk}}</span> <span class="action">{{action}}</span>{{#hasSubject}}
        <span class="subject">{{#href}}<a href="{{href}}">{{subject}}</a>{{/href}}{{^href}}{{subject}}{{/href}}</span>{{/hasSubject}}</div>
        <ul class="changes">{{#changes}}<li>{{.}}</li>{{/changes}}</ul></li>
        {{/entries}}</ol>{{#more}}<p><a href="{{more}}">{{moreLabel}}</a></p>{{/more}}
        """

    static let users = """
        {{#done}}<p class="done" role="status">{{done}}</p>{{/done}}
        <table><thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
        <tbody>{{#users}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{town}}</td><td>{{state}}</td><td>{{changed}}</td>
        <td class="actions">{{#enabled}}<form method="post" action="/users/disable" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="name" value="{{name}}"><button type="submit" id="user-disable-{{n}}">{{disableLabel}}</button></form>{{/enabled}}
        <form method="post" action="/users/password" class="inline" id="user-password-{{n}}"><input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="name" value="{{name}}">
        <label>{{newPasswordLabel}} <input name="password" type="password" autocomplete="new-password" required></label>
        <label>{{repeatLabel}} <input name="password_repeat" type="password" autocomplete="new-password" required></label>
        {{#errors}}<span class="error">{{.}}</span>{{/errors}}
        <button type="submit" id="user-password-save-{{n}}">{{resetLabel}}</button></form></td></tr>
        {{/users}}</tbody></table>
        <h2>{{addLabel}}</h2>
        {{#notSaved}}<p class="error" role="alert">{{notSaved}}</p>{{/notSaved}}
        <form method="post" action="/users" class="record" id="user-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#fields}}<label>{{label}}
        {{#select}}<select name="{{name}}">
        {{#options}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/options}}</select>{{/select}}
        {{^select}}<input name="{{name}}"{{#password}} type="password" autocomplete="new-password"{{/password}}
        {{^password}} value="{{value}}"{{/password}}>{{/select}}
        {{#errors}}<span class="error">{{.}}</span>{{/errors}}</label>
        {{/fields}}<button type="submit" id="user-save">{{saveLabel}}</button>
        </form>
        """
}
