package publish

import "github.com/chemores/chemores/release"

// The tests of pull, verify and serve that need a release made by
// publish live here; these are package release's names under the ones
// they were written with.

type (
	Wait          = release.Wait
	PullOptions   = release.PullOptions
	PullResult    = release.PullResult
	VerifyOptions = release.VerifyOptions
)

var (
	Verify        = release.Verify
	Pull          = release.Pull
	NewServer     = release.NewServer
	NewValidator  = release.NewValidator
	RepairLatest  = release.RepairLatest
	lockDir       = release.Lock
	parseManifest = release.ParseManifest
	checkSums     = release.CheckSums
	ErrVerify     = release.ErrVerify
	ErrUnsafePath = release.ErrUnsafePath
	ErrTooLarge   = release.ErrTooLarge
	errIncomplete = release.ErrIncomplete
)

const (
	cacheImmutable = release.CacheImmutable
	cacheLatest    = release.CacheLatest
)
