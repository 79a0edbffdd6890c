package snippet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// BrokerTypes are the values of BrokerType in @meshconnect/node-api 2.0.28,
// the type the web SDK's IntegrationAccessToken.brokerType has.
var BrokerTypes = []string{
	"robinhood", "eTrade", "alpaca", "tdAmeritrade", "weBull", "stash", "interactiveBrokers", "public",
	"coinbase", "kraken", "coinbasePro", "cryptoCom", "openSea", "binanceUs", "gemini",
	"cryptocurrencyAddress", "cryptocurrencyWallet", "okCoin", "bittrex", "kuCoin", "etoro", "cexIo",
	"binanceInternational", "bitstamp", "gateIo", "acorns", "okx", "bitFlyer", "coinlist", "huobi",
	"bitfinex", "deFiWallet", "krakenDirect", "vanguard", "binanceInternationalDirect", "bitfinexDirect",
	"bybit", "paxos", "coinbasePrime", "btcTurkDirect", "kuCoinDirect", "okxOAuth", "paribuDirect",
	"robinhoodConnect", "blockchainCom", "bitsoDirect", "binanceConnect", "binanceOAuth",
	"revolutConnect", "binancePay", "bybitDirect", "paribuOAuth", "payPalConnect", "binanceTrDirect",
	"coinbaseRamp", "bybitDirectMobile", "sandbox",
}

// CheckAccessTokens refuses the entries an SDK cannot take: each needs its
// accessToken, a brokerName, and a brokerType from BrokerTypes (an empty
// or unknown one would not compile in TypeScript, and Link would not know
// the account).
func CheckAccessTokens(tokens []mesh.AccessToken) error {
	for i, t := range tokens {
		at := fmt.Sprintf("accessTokens[%d]", i)
		switch {
		case strings.TrimSpace(t.AccessToken) == "":
			return fmt.Errorf("%s has no accessToken: the token Mesh returned for the account", at)
		case t.BrokerName == "":
			return fmt.Errorf("%s has no brokerName: the integration's name, like Coinbase", at)
		case t.BrokerType == "":
			return fmt.Errorf("%s has no brokerType: one of %s", at, strings.Join(BrokerTypes, ", "))
		case !slices.Contains(BrokerTypes, t.BrokerType):
			hint := ""
			if near := mesh.Nearest(t.BrokerType, BrokerTypes); near != "" {
				hint = fmt.Sprintf("; did you mean %s?", near)
			}
			return fmt.Errorf("%s: brokerType %q is not one the SDKs know%s\nbrokerType is one of: %s", at, mesh.CleanText(t.BrokerType), hint, strings.Join(BrokerTypes, ", "))
		}
	}
	return nil
}
