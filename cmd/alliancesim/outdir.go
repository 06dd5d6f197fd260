package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// manifestName is the file, written last, that vouches for an output folder's results.
const manifestName = "manifest.json"

// manifestSchema versions the manifest's layout.
const manifestSchema = 1

// manifest lists the results of one command in an output folder with their checksums. It is
// written as incomplete before the first result and as complete after the last, so that a
// folder whose writer died (a full disk, SIGKILL) is known to be incomplete, whatever files
// it holds.
type manifest struct {
	Schema       int            `json:"alliancesim_manifest"`
	Version      string         `json:"version"`
	Kind         string         `json:"kind"` // run, sweep, compare, explore or validate
	ConfigSHA256 string         `json:"config_sha256"`
	Complete     bool           `json:"complete"`
	Files        []manifestFile `json:"files"`
}

type manifestFile struct {
	Name   string `json:"name"` // relative to the folder, with forward slashes
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// outDir is an output folder held by this process: locked against other writers, its stale
// temporary files removed, its manifest marked incomplete until finish.
type outDir struct {
	dir, kind, hash string
	shard           *shard // a shard writes beside the other shards: it locks only its own files
	unlock          func()
	files           []manifestFile // the complete manifest's, for provenance.json
}

// outputNames are the results each kind of command writes into its folder.
var outputNames = map[string][]string{
	"run":     {"summary.json", "runs.csv", "states.csv", "datapackage.json", "survival.png", "outcomes.png"},
	"sweep":   {"sweep.csv", "sweep-long.csv", "sweep.json", "datapackage.json", "sweep.png", "heatmap.png"},
	"compare": {"compare.csv", "compare-long.csv", "compare.json", "datapackage.json", "compare.png", "survival.png"},
	"explore": {"explore.json", "points.csv", "indices.csv", "prim.csv", "robustness.csv", "datapackage.json",
		"sensitivity.png", "morris.png", "prim.png", "robust.png"},
	"validate": {"validate.csv", "validate.png", "burdens.csv", "burdens.png"},
}

// openOut makes and locks the output folder dir for a command of the given kind whose results
// are identified by hash. Without force it refuses a folder whose manifest is of another kind
// or config, or is unreadable, and a folder without a manifest that holds a file this command
// would overwrite. A shard (sh != nil) shares its folder with the other shards: it locks and
// cleans only its own files, and its partial result is its manifest.
func openOut(dir, kind, hash string, force bool, sh *shard) (*outDir, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s is a file, not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	lockName := ".alliancesim.lock"
	if sh != nil {
		lockName = ".alliancesim-" + sh.base() + ".lock"
	}
	unlock, err := lockDir(dir, lockName)
	if err != nil {
		return nil, err
	}
	o := &outDir{dir: dir, kind: kind, hash: hash, shard: sh, unlock: unlock}
	if sh == nil && !force {
		if err := o.guard(); err != nil {
			o.close()
			return nil, err
		}
	}
	if err := o.sweepTemps(); err != nil {
		o.close()
		return nil, err
	}
	if sh == nil {
		if err := o.writeManifest(false, nil); err != nil {
			o.close()
			return nil, err
		}
	}
	return o, nil
}

// guard refuses to overwrite results that are not this command's own earlier ones.
func (o *outDir) guard() error {
	b, err := os.ReadFile(filepath.Join(o.dir, manifestName))
	switch {
	case errors.Is(err, os.ErrNotExist):
		for _, name := range outputNames[o.kind] {
			if _, err := os.Lstat(filepath.Join(o.dir, name)); err == nil {
				return fmt.Errorf("%s holds %s, which no alliancesim manifest vouches for (another program's, or an older version's); use another --out or --force to overwrite it",
					o.dir, name)
			}
		}
		return nil
	case err != nil:
		return fmt.Errorf("output directory: %w", err)
	}
	m, err := parseManifest(b)
	if err != nil {
		return fmt.Errorf("%s: %v; use another --out or --force to overwrite the folder", filepath.Join(o.dir, manifestName), err)
	}
	if m.Kind != o.kind {
		return fmt.Errorf("%s holds the results of alliancesim %s; use another --out or --force to overwrite them", o.dir, m.Kind)
	}
	if m.ConfigSHA256 != o.hash {
		return fmt.Errorf("%s holds results of a different config (sha256 %.12s…, this one %.12s…); use another --out or --force to overwrite",
			o.dir, m.ConfigSHA256, o.hash)
	}
	return nil
}

// parseManifest decodes and checks a manifest.
func parseManifest(b []byte) (*manifest, error) {
	var m manifest
	if err := decodeStrict(b, &m); err != nil {
		return nil, fmt.Errorf("not an alliancesim manifest: %v", err)
	}
	if m.Schema != manifestSchema {
		return nil, fmt.Errorf("manifest schema %d, this alliancesim reads %d", m.Schema, manifestSchema)
	}
	if _, ok := outputNames[m.Kind]; !ok {
		return nil, fmt.Errorf("manifest of unknown kind %q", m.Kind)
	}
	return &m, nil
}

// tempName matches the temporary files of atomic writes: ours (.NAME.123.tmp) and those of
// plots.Save (.NAME-123).
var tempName = regexp.MustCompile(`^\..+(\.[0-9]+\.tmp|-[0-9]+)$`)

// sweepTemps removes temporary files left by writers that died: the folder is locked, so no
// live writer owns them (a shard removes only its own).
func (o *outDir) sweepTemps() error {
	for _, d := range []string{o.dir, filepath.Join(o.dir, "points")} {
		entries, err := os.ReadDir(d)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("output directory: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if !e.Type().IsRegular() || !tempName.MatchString(name) || strings.HasPrefix(name, ".alliancesim") {
				continue
			}
			if o.shard != nil && !strings.Contains(name, "."+o.shard.base()+".") && !strings.HasPrefix(name, "."+o.shard.base()+".") &&
				!strings.Contains(name, "-"+o.shard.base()+".") {
				continue
			}
			if err := os.Remove(filepath.Join(d, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove stale temporary file: %w", err)
			}
		}
	}
	return nil
}

// finish writes the complete manifest, listing names (relative to the folder) with their
// checksums.
func (o *outDir) finish(names ...string) error {
	if o.shard != nil {
		return nil
	}
	var files []manifestFile
	for _, name := range names {
		mf, err := checksumFile(filepath.Join(o.dir, name))
		if err != nil {
			return err
		}
		mf.Name = filepath.ToSlash(name)
		files = append(files, mf)
	}
	o.files = files
	return o.writeManifest(true, files)
}

func (o *outDir) writeManifest(complete bool, files []manifestFile) error {
	m := manifest{Schema: manifestSchema, Version: version, Kind: o.kind, ConfigSHA256: o.hash, Complete: complete, Files: files}
	if m.Files == nil {
		m.Files = []manifestFile{}
	}
	return writeJSON(filepath.Join(o.dir, manifestName), m)
}

// close releases the folder's lock.
func (o *outDir) close() {
	if o.unlock != nil {
		o.unlock()
		o.unlock = nil
	}
}

func checksumFile(path string) (manifestFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return manifestFile{}, fmt.Errorf("manifest: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return manifestFile{}, fmt.Errorf("manifest: %s: %w", path, err)
	}
	return manifestFile{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// verifyListed checks that path is vouched for by the complete manifest of its folder, with
// the checksum it has now; the error says why not.
func verifyListed(path string) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: its folder has no %s, so it is not known to be complete (written by another program, an older version, or a command that died)", path, manifestName)
	}
	if err != nil {
		return err
	}
	m, err := parseManifest(b)
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(dir, manifestName), err)
	}
	if !m.Complete {
		return fmt.Errorf("%s: its folder is incomplete: the alliancesim %s that wrote it did not finish (its manifest is not marked complete)", path, m.Kind)
	}
	for _, f := range m.Files {
		if f.Name != name {
			continue
		}
		got, err := checksumFile(path)
		if err != nil {
			return err
		}
		if got.SHA256 != f.SHA256 || got.Bytes != f.Bytes {
			return fmt.Errorf("%s: its content differs from the checksum in %s (changed since it was written)", path, manifestName)
		}
		return nil
	}
	return fmt.Errorf("%s: not listed in its folder's %s", path, manifestName)
}

// lockHolder reads the pid a lock file names, for the error of a second writer.
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
		return strconv.Itoa(pid)
	}
	return "unknown"
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON value")
	}
	return nil
}

// addToManifest adds files that plot drew beside a folder's results to its manifest, under the
// folder's lock, so that the manifest keeps vouching for every file it lists.
func addToManifest(dir string, names []string) error {
	unlock, err := lockDir(dir, ".alliancesim.lock")
	if err != nil {
		return err
	}
	defer unlock()
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	m, err := parseManifest(b)
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(dir, manifestName), err)
	}
	for _, name := range names {
		mf, err := checksumFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		mf.Name = name
		i := slices.IndexFunc(m.Files, func(f manifestFile) bool { return f.Name == name })
		if i < 0 {
			m.Files = append(m.Files, mf)
		} else {
			m.Files[i] = mf
		}
	}
	return writeJSON(filepath.Join(dir, manifestName), m)
}
