//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// lockDir takes an exclusive lock on dir/name, which names this process's pid for the error of
// a second writer. The kernel releases the lock when the process dies, however it dies; unlock
// removes the file, so that a finished folder holds only results.
func lockDir(dir, name string) (unlock func(), err error) {
	path := filepath.Join(dir, name)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock output directory: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%s is being written by another alliancesim (pid %s); wait for it to finish, or use another --out",
					dir, lockHolder(path))
			}
			return nil, fmt.Errorf("lock output directory: %w", err)
		}
		// The holder before us may have removed the file between our open and our lock: the lock
		// is then on a file no one else will find, so take it again on the one at path.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		if err := f.Truncate(0); err == nil {
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		return func() {
			os.Remove(path) // while still locked, so that no one locks the file being removed
			f.Close()
		}, nil
	}
}
