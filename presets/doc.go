// Package presets stores saved wizard setups ("presets") as files: it loads,
// saves, migrates, lists, renames, deletes, exports and imports them.
//
// It owns storage and nothing else, including where meshlink keeps its
// files: ConfigDir (settings and presets), CacheDir (the catalog cache) and
// StateDir (this machine's history of runs). It may import mesh for the
// request types and mesh/atomicfile for safe writes, and must never import
// anything that draws on a terminal (bubbletea, huh, lipgloss), make HTTP calls, or read credentials.
//
// # Where presets live
//
// One JSON file per preset, <Dir>/<name>.json, where Dir is
// $MESHLINK_CONFIG_DIR/presets, else $XDG_CONFIG_HOME/meshlink/presets, else
// ~/.config/meshlink/presets, on every OS. The file name is the preset's
// name: a file moved to another name is that preset under the new name.
//
// # The file format (version 1)
//
//	{
//	  "version": 1,
//	  "name": "qa-payment",
//	  "description": "10 USDC to the QA wallet on Base",
//	  "useCase": "payment",
//	  "environment": "sandbox",
//	  "fresh": [
//	    "transferOptions.transactionId"
//	  ],
//	  "request": {
//	    "userId": "qa-user-1",
//	    "restrictMultipleAccounts": true,
//	    "transferOptions": {
//	      "transferType": "payment",
//	      "isInclusiveFeeEnabled": false,
//	      "generatePayLink": false,
//	      "toAddresses": [
//	        {
//	          "networkId": "aa883b03-120d-477c-a588-37c2afd3ca71",
//	          "symbol": "USDC",
//	          "address": "0x…",
//	          "amount": 10
//	        }
//	      ]
//	    }
//	  },
//	  "created": "2026-11-20T09:30:00Z",
//	  "updated": "2026-11-20T09:30:00Z"
//	}
//
// Keys always come in this order and the file is indented, so two versions of
// a preset diff line by line and can be committed to a team repository.
//
//   - "request" is the POST /api/v1/linktoken body, exactly as it is sent,
//     minus the fresh fields.
//   - "fresh" lists, by their JSON path in the request, the fields that get a
//     new UUID on every run: "transferOptions.transactionId" (Mesh expects a
//     unique transaction per token, and tokens are single-use) and "userId".
//     A fresh field is absent from "request"; a value written there by hand
//     is ignored.
//   - "environment" is where the preset was saved. It is informational: a
//     preset never moves a run to production by itself; callers enforce that.
//   - "created" and "updated" are UTC, to the second. When the preset was
//     last used is kept apart, in <Dir>/.lastused/<name> (a directory that
//     carries its own .gitignore), so running a preset never changes a file
//     a team has committed.
//
// # Versions
//
// A file without "version" is version 0, meshlink's first format: the same
// object without "name" and "fresh", whose transactionId was always made
// fresh; a bare link-token body is read as version 0 too. Older versions
// are migrated on read, in memory: the file is rewritten only when it is
// saved again. A newer version is refused ("made by a newer meshlink;
// upgrade meshlink") rather than guessed at.
//
// # What a preset never holds
//
// Credentials (MESH_CLIENT_ID, MESH_CLIENT_SECRET): there is no field for
// them. Nor accessTokens, the Mesh managed tokens of a returning user, which
// grant access to the user's account: FromRequest drops them, and Save,
// Import and Load refuse a preset or file that has them (ErrAccessTokens).
//
// # Safety of the files
//
// Writes go to a temporary file beside the target and are renamed (or, for a
// new preset, hard-linked) into place, with mode 0600 in a 0700 directory: a
// crash leaves the old file or the new one, never half of either, and two
// processes saving different presets lose neither. Saving over an existing
// preset, even a corrupt one, needs overwrite; a corrupt file is reported
// with its path and never overwritten, moved or deleted behind the user's
// back. Loading does not check network ids against a catalog: a preset that
// names a network the catalog no longer knows still loads, and callers warn.
package presets
