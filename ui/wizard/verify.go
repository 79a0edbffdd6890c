package wizard

import "github.com/meshlink/meshlink/mesh"

// newVerifyScreen asks what the user signs to prove the wallet is theirs.
func newVerifyScreen(s *session) screen {
	return newFormScreen(s, stepVerify, "Verify options", "What must the user sign to prove the wallet is theirs?", verifyForm)
}

func verifyForm(s *session) *form {
	v := &s.setup.Verify
	nets := []choice{{"", "(none)"}}
	if s.catalog != nil {
		for _, n := range s.catalog.Networks {
			nets = append(nets, choice{n.ID, n.Name})
		}
	}
	types := []choice{{"", "(none)"}}
	for _, t := range mesh.NetworkTypes {
		types = append(types, choice{t, t})
	}
	msg := newTextField("Message to sign", "verifyWalletOptions.message", "optional: shown to the user when signing",
		func() string { return v.Message }, func(x string) { v.Message = x })
	netID := newChoiceField("Network", "verifyWalletOptions.networkId", nets,
		func() string { return v.NetworkID }, func(x string) { v.NetworkID = x })
	netID.note = "one of network or type"
	netType := newChoiceField("Network type", "verifyWalletOptions.networkType", types,
		func() string { return v.NetworkType }, func(x string) { v.NetworkType = x })
	netType.note = "one of network or type"
	addrs := newTextField("Allowed addresses", "verifyWalletOptions.addresses", "optional: addresses, comma-separated",
		func() string { return v.Addresses }, func(x string) { v.Addresses = x })
	return newForm(msg, netID, netType, addrs)
}
