package try

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// pageConfig is what the page's script reads: every value the page shows
// reaches it as JSON data and the DOM as text (textContent), never as
// markup, so nothing a token, a file name or the SDK holds can run.
type pageConfig struct {
	Token        string `json:"token"`
	Events       string `json:"events"`
	SDKSource    string `json:"sdkSource"`
	BuildCommand string `json:"buildCommand"`
	Prewarm      bool   `json:"prewarm"`
	FromCDN      bool   `json:"fromCDN"`
}

// renderPage builds the host page for p. pageURL is where it is served.
func renderPage(p Page, nonce, pageURL string) ([]byte, error) {
	imports, err := json.Marshal(p.SDK.importMap(pageURL + "/sdk.js"))
	if err != nil {
		return nil, err
	}
	cfg, err := json.Marshal(pageConfig{
		Token:        p.Token,
		Events:       pageURL + "/events",
		SDKSource:    mesh.CleanText(p.SDK.Source()),
		BuildCommand: BuildCommand,
		Prewarm:      onMeshHost(p.LinkURL),
		FromCDN:      p.SDK.File == "" && p.SDK.URL == "",
	})
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(pageHead)
	b.WriteString(`<script type="importmap" nonce="` + nonce + `">`)
	b.Write(imports)
	b.WriteString("</script>\n")
	b.WriteString(pageStyle)
	b.WriteString(pageBody)
	b.WriteString(`<script type="application/json" id="meshlink-config">`)
	b.Write(cfg)
	b.WriteString("</script>\n")
	b.WriteString(`<script type="module" nonce="` + nonce + `">`)
	b.WriteString(pageScript)
	b.WriteString("</script>\n</body>\n</html>\n")
	return []byte(b.String()), nil
}

// contentSecurityPolicy lets only the page's own scripts run (by nonce),
// and modules load only from the page and the SDK's host. Frames and
// connections stay open: Link and wallets need them, and the SDK decides.
func contentSecurityPolicy(nonce string, sdk SDK) string {
	src := []string{"'nonce-" + nonce + "'", "'self'"}
	for _, o := range sdk.scriptOrigins() {
		if !slices.Contains(src, o) {
			src = append(src, o)
		}
	}
	return "script-src " + strings.Join(src, " ") + "; object-src 'none'; base-uri 'none'; form-action 'none'"
}

// onMeshHost reports whether a Link URL is on one of Mesh's hosts, where the
// SDK's prewarming of Link (an iframe it loads when imported) is worth it;
// for any other Link (the demo server's) it would only reach out to Mesh.
func onMeshHost(linkURL string) bool {
	u, err := url.Parse(linkURL)
	if err != nil || u.Scheme != "https" {
		return false
	}
	h := u.Hostname()
	return strings.HasSuffix(h, ".meshconnect.com") || strings.HasSuffix(h, ".meshpay.com")
}

const pageHead = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>meshlink try · Mesh Link</title>
`

const pageStyle = `<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #1b1b1f; }
h1 { font-size: 1.3em; margin-bottom: .2em; }
#status { padding: .6em .8em; border-radius: 6px; background: #eef2ff; }
#status.failed { background: #fde8e8; color: #7f1d1d; }
#status.done { background: #e7f6ec; }
#log { font: 13px/1.5 ui-monospace, monospace; padding-left: 0; list-style: none; }
#log li { border-bottom: 1px solid #eee; padding: .2em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
code, pre { font: 13px ui-monospace, monospace; background: #f4f4f5; padding: .1em .3em; border-radius: 3px; }
pre { padding: .6em; white-space: pre-wrap; overflow-wrap: anywhere; }
</style>
</head>
`

const pageBody = `<body>
<h1>meshlink try</h1>
<p>This page opens Mesh Link with Mesh's web SDK, as the <code>meshlink snippet web</code> code does,
and reports every callback to the <code>meshlink try</code> running in your terminal.</p>
<div id="status" role="status">Starting…</div>
<noscript><p><strong>This page needs JavaScript</strong>: Mesh's web SDK is a script.</p></noscript>
<div id="help"></div>
<h2>Callbacks</h2>
<ol id="log" aria-live="polite"></ol>
`

// pageScript wires the SDK's four callbacks to meshlink, in the order they
// fire (one request after another), and says on the page and in the
// terminal when the SDK cannot be had.
const pageScript = `
const config = JSON.parse(document.getElementById('meshlink-config').textContent)
const statusBox = document.getElementById('status')
const helpBox = document.getElementById('help')
const log = document.getElementById('log')

// Text from Link or the SDK is shown as text, its control and direction
// characters replaced: it can neither run nor reorder what is around it.
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const clean = (v) => String(v ?? '').replace(unsafe, '\ufffd')

function setStatus(text, kind) {
  statusBox.textContent = clean(text)
  statusBox.className = kind || ''
}

function show(text) {
  const li = document.createElement('li')
  li.textContent = new Date().toTimeString().slice(0, 8) + '  ' + clean(text)
  log.append(li)
}

let queue = Promise.resolve()
let lost = false
function post(message, beacon) {
  message.at = Date.now()
  let body
  try {
    body = JSON.stringify(message)
  } catch (e) {
    body = JSON.stringify({ notice: 'pageError', detail: 'a callback payload could not be sent: ' + e, at: message.at })
  }
  if (beacon) {
    navigator.sendBeacon(config.events, new Blob([body], { type: 'text/plain' }))
    return
  }
  queue = queue
    .then(() => fetch(config.events, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, cache: 'no-store' }))
    .then((res) => { if (!res.ok) show('meshlink did not take that: HTTP ' + res.status) })
    .catch((e) => {
      if (!lost) show('meshlink no longer listens (' + e.message + '); the terminal has what it received')
      lost = true
    })
}

let exited = false
const accounts = (n) => n + (n === 1 ? ' account' : ' accounts')
const report = (callback, payload) => post({ callback, payload })

// What follows is the web snippet's createLink, each callback reporting.
const options = {
  onIntegrationConnected: (payload) => {
    const a = payload?.accessToken ?? payload?.delayedAuth
    show('onIntegrationConnected  ' + (a?.brokerName ?? a?.brokerType ?? '') + (payload?.accessToken ? '  (' + accounts(payload.accessToken.accountTokens?.length ?? 0) + ')' : ''))
    report('integrationConnected', payload)
  },
  onTransferFinished: (payload) => {
    show('onTransferFinished  ' + [payload?.status, payload?.amount, payload?.symbol].filter((v) => v != null).join(' '))
    report('transferFinished', payload)
  },
  onExit: (error, summary) => {
    exited = true
    show('onExit  ' + (error ? 'error: ' + error : 'closed') + (summary?.page ? '  (page ' + summary.page + ')' : ''))
    report('exit', { errorMessage: error ?? null, summary: summary ?? null })
    setStatus(error ? 'Link closed with an error. The terminal has every callback; you can close this tab.'
      : 'Link closed. The terminal has every callback; you can close this tab.', error ? 'failed' : 'done')
  },
  onEvent: (event) => {
    show('onEvent  ' + (event?.type ?? ''))
    report('event', event)
  },
}

function sdkFailed(why) {
  setStatus("Mesh's web SDK did not load from " + config.sdkSource + ': ' + why, 'failed')
  helpBox.replaceChildren()
  const p = document.createElement('p')
  p.textContent = (config.fromCDN
    ? 'Offline, or is the CDN blocked (a firewall, an ad blocker)? A file that differs from npm\'s is refused too. '
    : '') + 'Build the SDK in a project that has @meshconnect/web-link-sdk installed, and pass the file to meshlink try:'
  const pre = document.createElement('pre')
  pre.textContent = config.buildCommand + '\nmeshlink try --sdk mesh-link-sdk.js …'
  helpBox.append(p, pre)
  post({ notice: 'sdkFailed', detail: why })
}

addEventListener('pagehide', () => { if (!exited) post({ notice: 'pageClosed' }, true) })
addEventListener('error', (e) => post({ notice: 'pageError', detail: String(e.message) }))
addEventListener('unhandledrejection', (e) => post({ notice: 'pageError', detail: String(e.reason?.message ?? e.reason) }))
document.addEventListener('securitypolicyviolation', (e) => post({ notice: 'pageError', detail: 'the page refused ' + e.blockedURI + ' (' + e.violatedDirective + ')' }))

async function main() {
  window.meshLinkShouldSkipPrewarm = !config.prewarm
  setStatus("Loading Mesh's web SDK from " + config.sdkSource + ' …')
  let settled = false
  const watchdog = setTimeout(() => { settled = true; sdkFailed('it did not load within 30 seconds') }, 30000)
  let sdk
  try {
    sdk = await import('@meshconnect/web-link-sdk')
  } catch (e) {
    if (!settled) { settled = true; clearTimeout(watchdog); sdkFailed(e?.message ?? String(e)) }
    return
  }
  if (settled) return
  settled = true
  clearTimeout(watchdog)
  if (typeof sdk.createLink !== 'function') {
    sdkFailed('the module does not export createLink')
    return
  }
  post({ notice: 'sdkLoaded' })
  setStatus('Link is open: go through it as your user would. Each callback shows below and in the terminal.')
  const link = sdk.createLink(options)
  link.openLink(config.token)
}
main()
`
