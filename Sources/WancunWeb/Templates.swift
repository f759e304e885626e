import Mustache

/// The pages' templates, kept as Swift string constants rather than bundle resources: a
/// binary built by SwiftPM on Linux then needs no resource bundle beside it, so `wancun`
/// copied alone to a county's server (or run from `swift build -c release`) still finds them.
/// Mustache escapes every `{{value}}`; the one triple `{{{body}}}` is a page already rendered
/// from these templates.
enum Templates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{appTitle}}</title><link rel="stylesheet" href="/static/wancun.css"></head>
        <body>
        <header><span class="brand">{{appTitle}}</span>
        <nav class="language" id="language-switch" aria-label="{{languageLabel}}">{{#languages}}<a href="{{href}}" lang="{{code}}" hreflang="{{code}}"
        {{#current}} aria-current="true"{{/current}} id="language-{{code}}">{{name}}</a>{{/languages}}</nav>{{#signedIn}}
        <nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        <form method="post" action="/logout" class="signout"><input type="hidden" name="_csrf" value="{{csrf}}">
        <span>{{signedInAs}}</span> <button type="submit" id="signout">{{signOut}}</button></form>{{/signedIn}}
        </header>
        <main><h1>{{title}}</h1>
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let message = """
        <p class="notice">{{text}}</p>
        """

    static let login = """
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/login" class="login" id="login-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{userLabel}} <input name="name" autocomplete="username" required value="{{name}}"></label>
        <label>{{passwordLabel}} <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="login-submit">{{signIn}}</button>
        </form>
        """

    static let table = """
        {{#caption}}<h2>{{caption}}</h2>{{/caption}}
        {{#empty}}<p class="notice">{{empty}}</p>{{/empty}}{{^empty}}
        <table><thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>
        {{/rows}}</tbody></table>{{/empty}}
        """

    static let fields = """
        <h2>{{caption}}</h2>
        <dl class="fields">{{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/fields}}</dl>
        """

    static let lines = """
        <h2>{{caption}}</h2>
        {{#empty}}<p class="notice">{{empty}}</p>{{/empty}}{{^empty}}<pre class="lines">{{#lines}}{{.}}
        {{/lines}}</pre>{{/empty}}
        """

    static let pointSearch = """
        <form method="get" action="/points" class="search">
        <label>{{townLabel}} <select name="town"><option value="">{{all}}</option>
        {{{townOptions}}}</select></label>
        <label>{{statusLabel}} <select name="status"><option value="">{{all}}</option>
        {{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/statuses}}</select></label>
        <label>{{nameLabel}} <input name="name" value="{{name}}"></label>
        <label>{{codeLabel}} <input name="code" value="{{code}}" inputmode="numeric"></label>
        <button type="submit">{{search}}</button>
        </form>
        """

    static let pager = """
        <p class="pager">{{#previous}}<a href="{{previous}}" rel="prev">{{previousLabel}}</a> {{/previous}}
        <span>{{summary}}</span>{{#next}} <a href="{{next}}" rel="next">{{nextLabel}}</a>{{/next}}</p>
        """

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [
            ("layout", layout), ("message", message), ("login", login), ("table", table), ("fields", fields),
            ("lines", lines), ("pointSearch", pointSearch), ("pager", pager),
            ("subsidy", subsidy),
            ("recordForm", recordForm), ("actions", actions), ("heading", heading), ("done", done),
            ("operatorSearch", operatorSearch), ("operatorForm", operatorForm), ("operatorActions", operatorActions), ("operatorNew", operatorNew),
            ("importForm", importForm), ("importJob", importJob), ("reconcileForm", reconcileForm), ("reconcileJob", reconcileJob),
            ("chart", chart), ("monthCheck", monthCheck), ("attention", attention), ("download", download), ("auditSearch", auditSearch),
            ("auditEntries", auditEntries), ("users", users),
        ] {
            // The templates are constants of this file: one that does not parse is a programming error.
            try! library.register(MustacheTemplate(string: text), named: name)
        }
        return library
    }()

    static func render(_ name: String, _ object: [String: Any]) -> String {
        library.render(object, withTemplate: name) ?? ""
    }
}
