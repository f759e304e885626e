/// The one stylesheet, served by the app at /static/wancun.css (no CDN: the office network
/// may have no internet). Laid out for 1366×768 and up; print drops the nav and forms.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.5 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1d232a;background:#f6f7f9}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px;padding:8px 16px;background:#1f4e79;color:#fff}
        header .brand{font-weight:bold;font-size:16px}
        nav{display:flex;flex-wrap:wrap;gap:2px}
        nav a{color:#fff;text-decoration:none;padding:4px 10px;border-radius:3px}
        nav a:hover,nav a[aria-current=page]{background:#2f6aa3}
        nav.language{font-size:13px}
        nav.language a[aria-current=true]{font-weight:bold;background:#2f6aa3}
        .signout{margin-left:auto;display:flex;align-items:center;gap:8px}
        main{max-width:1320px;margin:0 auto;padding:12px 16px}
        h1{font-size:20px;margin:4px 0 12px}
        h2{font-size:16px;margin:20px 0 6px}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border:1px solid #d5d9df;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{background:#eef1f5;font-weight:600}
        a{color:#1f4e79}
        .notice{color:#555}
        .error{color:#a30000;font-weight:600}
        form.search,form.login{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;margin:0 0 12px}
        form.login{flex-direction:column;align-items:start;max-width:320px}
        label{display:flex;flex-direction:column;gap:2px}
        input,select,button{font:inherit;padding:3px 6px}
        button{cursor:pointer}
        .pager{display:flex;gap:12px;align-items:center}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;background:#fff;padding:8px;border:1px solid #d5d9df}
        dl.fields dt{color:#555}
        dl.fields dd{margin:0}
        .pass{color:#1a6b2a}.fail{color:#a30000}
        .downloads{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
        pre.lines{white-space:pre-wrap;background:#fff;border:1px solid #d5d9df;padding:8px;font:13px/1.5 "Noto Sans Mono CJK SC",monospace}
        form.record{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px 16px;align-items:start;margin:0 0 12px;
          background:#fff;border:1px solid #d5d9df;padding:8px}
        form.record .field{display:flex;flex-direction:column;gap:2px}
        form.record .error,form.record>.refusal,form.record button{grid-column:1/-1;justify-self:start}
        .refusal{color:#a30000}.invalid input,.invalid select{border:2px solid #a30000}.hint{color:#555;font-size:12px}
        label.check{flex-direction:row;align-items:center;gap:6px}.done{color:#1d6b2f;font-weight:600}.actions{display:flex;gap:12px}
        svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid #d5d9df}
        .attention{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 16px}
        .attention h3{font-size:14px;margin:8px 0 4px}
        .attention ul,ul.changes{margin:0;padding-left:18px}
        ol.audit{list-style:none;margin:0;padding:0}
        ol.audit>li{background:#fff;border:1px solid #d5d9df;padding:4px 8px;margin:0 0 4px}
        ol.audit .head span{margin-right:8px}
        .note{color:#555}
        form.inline{display:inline-flex;flex-wrap:wrap;gap:4px 8px;align-items:end;margin:2px 0}
        @media print{
          header nav,.signout,form.search,.pager,form.record,form.inline,.actions,.downloads{display:none}
          header{background:none;color:#000;padding:0}
          body{background:#fff;font-size:11pt}
          main{max-width:none;padding:0}
          table{page-break-inside:auto}
          tr{page-break-inside:avoid}
          a{color:#000;text-decoration:none}
        }
        """
}
