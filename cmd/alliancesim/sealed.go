package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// A sealed file is one the program reads back (a sweep's point, a shard's partial result): it
// carries the SHA-256 of its own content, so that an edit or a flipped bit is caught before it
// reaches published results, and the reader names the file and why it refuses it.
type sealed interface {
	// checksum returns the file's checksum field: the SHA-256 of its compact JSON encoding
	// with the field empty.
	checksum() *string
}

// contentSum returns the checksum of v's content.
func contentSum(v sealed) (string, error) {
	p := v.checksum()
	saved := *p
	*p = ""
	b, err := json.Marshal(v)
	*p = saved
	if err != nil {
		return "", err
	}
	return sha256Hex(string(b)), nil
}

// seal sets v's checksum field.
func seal(v sealed) error {
	sum, err := contentSum(v)
	if err != nil {
		return err
	}
	*v.checksum() = sum
	return nil
}

// writeSealed writes v to path atomically, sealed.
func writeSealed(path string, v sealed, indent bool) error {
	if err := seal(v); err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if indent {
		return writeJSON(path, v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return writeFileAtomic(path, b)
}

// errNotSealed is wrapped by the errors of files that are not what they claim to be.
var errNotSealed = errors.New("refused")

// unseal decodes b, read from path, into v, strictly, and verifies its checksum.
func unseal(path string, b []byte, v sealed) error {
	if err := decodeStrict(b, v); err != nil {
		return fmt.Errorf("%s: %w: not a file this alliancesim wrote: %v", path, errNotSealed, err)
	}
	got := *v.checksum()
	if got == "" {
		return fmt.Errorf("%s: %w: it has no checksum (written by an older alliancesim?)", path, errNotSealed)
	}
	want, err := contentSum(v)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", path, errNotSealed, err)
	}
	if got != want {
		return fmt.Errorf("%s: %w: its checksum does not match its content (edited or corrupted)", path, errNotSealed)
	}
	return nil
}

// readSealed reads path into v and verifies its checksum.
func readSealed(path string, v sealed) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return unseal(path, b, v)
}
