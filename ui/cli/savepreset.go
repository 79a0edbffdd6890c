package cli

import (
	"slices"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// accessTokensLeftOut says why a preset lacks the accessTokens it was given,
// and where they go.
const accessTokensLeftOut = "a preset never holds a user's Mesh tokens; " + presets.AccessTokensBelong + ", where 'meshlink snippet PLATFORM --access-tokens FILE' puts them"

// checkSavePreset refuses, before anything is sent, a --save-preset name
// that cannot be saved: an invalid name, one that is taken, or one that
// differs from a taken one only by case.
func checkSavePreset(app *App, name string) error {
	if err := presets.ValidateNewName(name); err != nil {
		return usagef("--save-preset: %v", err)
	}
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	if taken, err := store.Exists(name); err != nil || taken {
		if err != nil {
			return err
		}
		return usagef("--save-preset: preset %q exists; choose another name, or replace it with 'meshlink presets rm %s' first", name, name)
	}
	if err := store.CheckNameIsFree(name); err != nil {
		return usagef("--save-preset: %v", err)
	}
	return nil
}

// savePreset saves the setup `token` just used under name. What was made
// fresh for this run (--user-id auto, --transaction-id auto, a preset's
// fresh fields) stays fresh in the preset; values typed on the command line
// are kept as typed.
func savePreset(app *App, g *globalFlags, name string, env mesh.Environment, req *mesh.LinkTokenRequest, from *presets.Preset, f *requestFlags) error {
	var fresh []presets.Field
	if from != nil {
		fresh = slices.Clone(from.Fresh)
	}
	decide := func(field presets.Field, given string) {
		switch {
		case given == autoValue && !slices.Contains(fresh, field):
			fresh = append(fresh, field)
		case given != "" && given != autoValue:
			fresh = slices.DeleteFunc(fresh, func(x presets.Field) bool { return x == field })
		}
	}
	decide(presets.FreshUserID, f.userID)
	decide(presets.FreshTransactionID, f.transactionID)
	if len(req.AccessTokens) > 0 {
		g.note(app, "accessTokens were left out of preset %q: %s", name, accessTokensLeftOut)
	}
	p := presets.FromRequest(name, mesh.UseCaseOf(req), env, req, fresh...)
	if from != nil {
		p.Description = from.Description
	}
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	if err := store.Save(p, false); err != nil {
		return err
	}
	path, _ := store.Path(name)
	g.note(app, "saved this setup as preset %q in %s; replay it with 'meshlink token --preset %s'", name, path, name)
	return nil
}
