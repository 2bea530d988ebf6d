/** The record pages' stylesheet (inline: the CSP allows inline style and nothing else). Mobile first. */
export const STYLE = [
  "*{box-sizing:border-box}",
  "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans SC','Noto Sans TC','Noto Sans KR',sans-serif;color:#1d1c1d;background:#f6f6f7}",
  "header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #ddd}",
  "header .brand{font-weight:700}header form{margin:0}",
  "main{max-width:48rem;margin:0 auto;padding:1rem}",
  "h1{font-size:1.35rem;margin:.25rem 0 1rem}h1.error{color:#b3261e}h2{font-size:1.15rem;margin:0 0 .5rem}h3{font-size:1rem;margin:1rem 0 .5rem}",
  ".card,.list,.table,.fields{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}",
  ".subtitle,.muted{color:#616061}.warning{color:#8a5300}.error{color:#b3261e}",
  ".text{white-space:pre-wrap;overflow-wrap:anywhere}",
  "dl.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem 1rem;margin:.5rem 0}",
  ".card dl.fields{border:0;padding:0}dt{font-size:.8rem;color:#616061}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}",
  "ul{margin:0;padding-left:1.2rem}li{margin:.25rem 0}.item-title{font-weight:600}.item-detail{display:block;color:#616061;white-space:pre-wrap}",
  ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{padding:.3rem .5rem;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}.num{text-align:right}",
  "a.button,button{display:inline-block;padding:.6rem 1rem;border-radius:6px;border:1px solid #1d1c1d;background:#fff;color:#1d1c1d;font:inherit;text-decoration:none;cursor:pointer;margin:.25rem 0}",
  "a.button.primary{background:#1d1c1d;color:#fff}.signin a.button{display:block;text-align:center;max-width:20rem}",
  "footer{color:#616061;font-size:.85rem;max-width:48rem;margin:0 auto;padding:0 1rem 2rem}",
].join("");
