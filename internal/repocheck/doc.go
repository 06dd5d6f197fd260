// Package repocheck holds a test that keeps the repository self-contained: no tracked text file
// may cite a path on the machine it was written on, or a file the repository does not hold. A
// reader who clones the repository must be able to follow every reference in it.
package repocheck
