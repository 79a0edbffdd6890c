package wizard

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// stepID names a screen of a use case's flow, for "step n of m".
type stepID int

const (
	stepUseCase stepID = iota
	stepDetails
	stepNetworks
	stepDestinations
	stepVerify
	stepPreview
)

// flow is the sequence of screens a use case walks through.
func flow(u mesh.UseCase) []stepID {
	s := []stepID{stepUseCase, stepDetails}
	if u.Has(pathAddress) {
		s = append(s, stepNetworks, stepDestinations)
	}
	if u.Has(pathVerifyMessage) {
		s = append(s, stepVerify)
	}
	return append(s, stepPreview)
}

// newStep makes the screen of a flow step.
func newStep(s *session, id stepID) screen {
	switch id {
	case stepUseCase:
		return newUseCaseScreen(s)
	case stepDetails:
		return newDetailsScreen(s)
	case stepNetworks:
		return newNetworksScreen(s)
	case stepDestinations:
		return newDestinationsScreen(s)
	case stepVerify:
		return newVerifyScreen(s)
	}
	return newPreviewScreen(s)
}

// next shows the step after from in the current use case's flow.
func next(s *session, from stepID) tea.Cmd {
	f := flow(s.setup.UseCase)
	for i, id := range f {
		if id == from && i+1 < len(f) {
			return push(newStep(s, f[i+1]))
		}
	}
	return push(newStep(s, stepPreview))
}

// flowStack is every screen of the current use case's flow up to its
// preview, filled from the session: where a loaded preset or an edited body
// lands, with esc walking back through the steps.
func flowStack(s *session) []screen {
	f := flow(s.setup.UseCase)
	out := make([]screen, len(f))
	for i, id := range f {
		out[i] = newStep(s, id)
	}
	return out
}
