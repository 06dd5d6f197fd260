package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"golang.org/x/term"

	"alliancesim/config"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the version of alliancesim.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "alliancesim %s\n", version)
	return nil
}

func cmdScenarios(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "scenarios", "", "List the embedded scenarios, one line each.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, s := range config.Scenarios() {
		fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Description)
	}
	return tw.Flush()
}

func cmdInit(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "init", "[SCENARIO|FILE.toml]",
		"Print a fully commented config: every parameter with its meaning, default and allowed range.\n"+
			"Start from the default scenario, or from the one named.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return fmt.Errorf("%w: init takes at most one scenario, got %d", errUsage, len(pos))
	}
	name := defaultScenario
	if len(pos) == 1 {
		name = pos[0]
	}
	f, err := config.Open(name)
	if err != nil {
		return err
	}
	return f.WriteTOML(e.stdout, true)
}

func cmdCheck(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "FILE...", "Validate configs; print every error with file, line, field and what is allowed.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: check needs at least one FILE", errUsage)
	}
	bad := 0
	for _, p := range pos {
		if _, err := config.Open(p); err != nil {
			fmt.Fprintln(e.stderr, err)
			bad++
			continue
		}
		fmt.Fprintf(e.stdout, "%s: ok\n", p)
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d configs invalid", bad, len(pos))
	}
	return nil
}
