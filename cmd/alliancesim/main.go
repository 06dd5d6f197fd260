// Command alliancesim runs the alliancesim model: many state agents that seek, give, honour and
// break security guarantees, and a revisionist state that weighs an attack against the support it
// expects. Thousands of randomized runs are aggregated into deterrence-failure probabilities with
// confidence intervals, and drawn as charts.
//
// Usage:
//
//	alliancesim run [SCENARIO|FILE.toml] [flags]   run an ensemble and write results and charts
//	alliancesim scenarios                          list the embedded scenarios
//	alliancesim init [SCENARIO]                    print a fully commented config
//	alliancesim check FILE...                      validate configs
//	alliancesim version                            print the version
//
// Results go to stdout, progress and logs to stderr. Exit codes: 0 ok, 1 runtime or config
// error, 2 usage error, 130, 143 or 129 when interrupted by SIGINT, SIGTERM or SIGHUP.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

// errUsage marks errors that are the caller's misuse of the command line (exit 2).
var errUsage = errors.New("usage error")

// interrupted is returned when a signal stopped the work; code is the exit code.
type interrupted struct {
	sig  os.Signal
	code int
	what string // what was kept, and how to go on
}

func (e *interrupted) Error() string { return fmt.Sprintf("interrupted by %v: %s", e.sig, e.what) }

type command struct {
	name, args, short string
	run               func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch of the outside world, so that tests can run it in-process.
type env struct {
	stdout, stderr io.Writer
	stderrTTY      bool
	signal         func() os.Signal // the signal that cancelled the context, if any
	// args and started are the command line (without the program's path) and when it started,
	// for provenance.json.
	args    []string
	started time.Time
}

func commands() []command {
	return []command{
		{"run", "[SCENARIO|FILE.toml] [flags]", "run an ensemble; write summary.json, runs.csv and charts", cmdRun},
		{"sweep", "[SCENARIO|FILE.toml] [--param PATH=LO:HI:N] [flags]", "run a 1-D or 2-D parameter sweep with common random numbers", cmdSweep},
		{"compare", "A B C... [flags]", "compare scenarios or variants with the same seeds", cmdCompare},
		{"explore", "[SCENARIO|FILE.toml] [--options A,B,C] [--design lhs|sobol|morris] [flags]", "global sensitivity, scenario discovery and robustness over many factors", cmdExplore},
		{"plot", "RESULTS.json... [flags]", "redraw charts from saved results at paper sizes", cmdPlot},
		{"validate", "[SCENARIO|FILE.toml] [flags]", "check the model against published figures (exit 1 on failure)", cmdValidate},
		{"reproduce", "RESULT.json [--out DIR]", "run again what a summary.json, sweep.json, compare.json or explore.json records and compare byte for byte", cmdReproduce},
		{"merge", "PARTS... --out DIR", "combine shards' partial results, byte-identical to one run", cmdMerge},
		{"slurm", "[SCENARIO|FILE.toml] --shards N [flags]", "write (or --submit) Slurm scripts: a job array of shards, then merge", cmdSlurm},
		{"scenarios", "", "list the embedded scenarios", cmdScenarios},
		{"init", "[SCENARIO]", "print a fully commented config", cmdInit},
		{"check", "FILE...", "validate configs (exit 1 on error)", cmdCheck},
		{"version", "", "print the version", cmdVersion},
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	// SIGHUP (an ssh session that dropped) stops a run as SIGTERM does: cleanly, with a message
	// and its temporary files removed.
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	var got os.Signal
	caught := make(chan struct{})
	go func() {
		got = <-sigs
		close(caught)
		cancel()
	}()
	stdout := &checkedWriter{w: os.Stdout}
	e := &env{
		stdout: stdout, stderr: os.Stderr, stderrTTY: isTerminal(os.Stderr),
		signal: func() os.Signal {
			select {
			case <-caught:
				return got
			default:
				return nil
			}
		},
	}
	code := realMain(ctx, e, os.Args[1:])
	if stdout.err != nil && code == 0 {
		// The table is part of the results: losing it (a full disk, a closed pipe) is a failure.
		fmt.Fprintf(os.Stderr, "alliancesim: write results to stdout: %v\n", stdout.err)
		code = 1
	}
	cancel()
	os.Exit(code)
}

// realMain runs the command line args and returns the exit code.
func realMain(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		args = append([]string{"version"}, args[1:]...) // as the version command, the convention of most tools
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return realMain(ctx, e, []string{args[1], "--help"})
		}
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		e.args = args
		if e.started.IsZero() {
			e.started = time.Now()
		}
		err := c.run(ctx, e, args[1:])
		var intr *interrupted
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &intr):
			fmt.Fprintf(e.stderr, "alliancesim %s: %v\n", c.name, err)
			return intr.code
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "alliancesim %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(e.stderr, "alliancesim %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "alliancesim: unknown command %q\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "alliancesim: which security guarantees deter? An agent-based Monte Carlo model.")
	fmt.Fprintln(w, "\nUsage:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  alliancesim %s\t%s\n", strings.TrimSpace(c.name+" "+c.args), c.short)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nRun 'alliancesim COMMAND --help' for a command's flags.")
}

// newFlags returns a flag set for a subcommand whose usage text names its arguments.
func newFlags(e *env, name, args, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: alliancesim %s %s\n\n%s\n", name, args, doc)
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
		if b.Len() > 0 {
			fmt.Fprintf(e.stderr, "\nFlags:\n%s", b.String())
		}
	}
	return fs
}

// parse parses flags that may come before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }
