package config

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// scenarioFS holds the embedded scenarios, one scenarios/NAME.toml each.
//
//go:embed scenarios/*.toml
var scenarioFS embed.FS

// ScenarioInfo names an embedded scenario and says what it represents.
type ScenarioInfo struct {
	Name        string
	Description string // its [simulation] description
}

// Scenarios lists the embedded scenarios, sorted by name.
func Scenarios() []ScenarioInfo {
	var out []ScenarioInfo
	for _, name := range scenarioNames() {
		info := ScenarioInfo{Name: name}
		if f, err := Scenario(name); err == nil {
			info.Description = f.Simulation.Description
		} else {
			info.Description = "(invalid: " + err.Error() + ")" // a test keeps this from shipping
		}
		out = append(out, info)
	}
	return out
}

// Scenario loads the embedded scenario called name (see [Scenarios]).
func Scenario(name string) (*File, error) {
	if !slices.Contains(scenarioNames(), name) {
		return nil, fmt.Errorf("config: unknown scenario %q%s (scenarios: %s)", name,
			didYouMean(name, scenarioNames()), strings.Join(scenarioNames(), ", "))
	}
	path := "scenarios/" + name + ".toml"
	src, err := scenarioFS.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: scenario %s: %w", name, err)
	}
	return Load(path, src)
}

func scenarioNames() []string {
	entries, _ := fs.ReadDir(scenarioFS, "scenarios") // embedded at build time: cannot fail
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Open loads arg: the embedded scenario of that name, or else the TOML file at that path. When
// arg is neither, the error lists the embedded scenarios.
func Open(arg string) (*File, error) {
	if slices.Contains(scenarioNames(), arg) {
		return Scenario(arg)
	}
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		return LoadFile(arg)
	}
	if strings.HasSuffix(arg, ".toml") || strings.ContainsRune(arg, os.PathSeparator) || strings.Contains(arg, "/") {
		return LoadFile(arg) // a path, surely: say what is wrong with it
	}
	return nil, fmt.Errorf("config: %q is neither an embedded scenario nor a file%s (scenarios: %s)", arg,
		didYouMean(arg, scenarioNames()), strings.Join(scenarioNames(), ", "))
}
