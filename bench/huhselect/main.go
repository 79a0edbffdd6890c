// Command huhselect is the yardstick for the wizard's first frame: a bare
// huh Select asking the wizard's first question, as a huh example would.
package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/huh"
)

func main() {
	var choice string
	err := huh.NewSelect[string]().
		Title("What should the link token do?").
		Options(huh.NewOptions("Deposit", "Payment", "Onramp", "Withdrawal", "Verify", "Deposit + verify", "Payment + verify")...).
		Value(&choice).
		Run()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(choice)
}
