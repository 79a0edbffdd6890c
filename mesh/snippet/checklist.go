package snippet

import "strings"

// The checks that trip people, in the words of the place they are fixed.
const (
	checkOrigin = "Add your page's origin (like http://localhost:3000) to the allow-list under Mesh Dashboard → Account → API keys → Access; otherwise Link shows a grey box or nothing."
	checkCSP    = "If your site sends a Content-Security-Policy, allow frame-src\x00*.meshconnect.com."
	checkClick  = "Fetch the token when the user acts, not on page load: it is single use and valid 10 minutes."
	checkBlock  = "Ad blockers and Brave shields can break the sign-in step: test with them off."
)

func checks(p Platform) []string {
	switch p {
	case Web, React:
		return []string{checkOrigin, checkCSP, checkClick, checkBlock}
	case NextJS:
		return []string{checkOrigin, checkCSP, checkClick,
			"Import @meshconnect/web-link-sdk only in the browser ('use client' and await import(…)): it reads window when it loads.",
			checkBlock}
	case ReactNative:
		return []string{
			"Install the peer dependency react-native-webview.",
			"iOS: list the wallet apps' URL schemes (like metamask, trust) under LSApplicationQueriesSchemes in Info.plist.",
			checkClick}
	case IOS:
		return []string{
			"List the wallet apps' URL schemes (like metamask, trust) under LSApplicationQueriesSchemes in Info.plist.",
			"createHandler() fails unless onIntegrationConnected or onTransferFinished is set.",
			checkClick}
	case Android:
		return []string{
			"Register the launcher (registerForActivityResult) as a property, before the activity is started.",
			checkClick}
	case Flutter:
		return []string{
			"Add MeshLocalizations.localizationsDelegates to your MaterialApp's localizationsDelegates.",
			checkClick}
	case PayLink:
		return []string{
			"The body needs transferOptions.generatePayLink: true and a transactionId, or no paymentLink comes back.",
			"A pay link is single use and expires like its token: make one per payment.",
			"On a phone only the pay link works: show it as a QR code (meshlink\x00token\x00…\x00--qr\x00pay.png)."}
	case Node:
		return []string{
			"Keep MESH_CLIENT_ID and MESH_CLIENT_SECRET on the server; never send them to a browser or an app.",
			"FrontApi's baseURL defaults to production: sandbox keys there answer 401.",
			"userId is your stable id of the user; transactionId is new for every token.",
			checkClick}
	}
	return nil
}

// checklist is p's checks as a comment block, the end of every snippet.
func checklist(p Platform) string {
	var b strings.Builder
	b.WriteString("// Before it works:\n")
	for _, c := range checks(p) {
		b.WriteString(wrapComment("//   [ ] ", "//       ", c, 80))
	}
	return b.String()
}

// wrapComment breaks text into comment lines of at most width columns.
func wrapComment(first, rest, text string, width int) string {
	var b strings.Builder
	line := first
	empty := true
	for _, w := range strings.Fields(text) {
		if !empty && len([]rune(line))+1+len([]rune(w)) > width {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
	return strings.ReplaceAll(b.String(), "\x00", " ") // a NUL keeps two words on one line
}
