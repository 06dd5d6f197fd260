package config_test

import (
	"fmt"
	"log"

	"alliancesim/config"
)

func ExampleOpen() {
	f, err := config.Open("europe-2025")
	if err != nil {
		log.Fatal(err)
	}
	spec, err := f.Spec()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d states, %d guarantees, %d runs of %d steps\n",
		spec.Name, len(spec.States), len(spec.Guarantees), spec.Runs, spec.Steps)
	// Output: europe-2025: 20 states, 6 guarantees, 10000 runs of 20 steps
}

func ExampleFile_Set() {
	f, err := config.Open("europe-2025")
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Set("kind.agreement.aid", "0.1"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Kind.Agreement.Aid)

	// A value out of range is refused, and the file is left as it was.
	fmt.Println(f.Set("state.Germany.burden", "1.5"))
	fmt.Println(f.Set("state.Germny.burden", "0.03"))
	// Output:
	// 0.1
	// scenarios/europe-2025.toml: state.Germany.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)
	// scenarios/europe-2025.toml: state.Germny.burden: unknown state "Germny" (did you mean "Germany"?)
}
