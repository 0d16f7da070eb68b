//go:build !unix

package main

func peakMemory() string { return "unknown" }
