package publish

import (
	"time"

	"github.com/chemores/chemores/release"
)

// The release format is package release's: publish writes it, and the
// names below are its, under the names publish has always used.

type (
	File          = release.File
	FileKind      = release.FileKind
	Manifest      = release.Manifest
	ManifestEntry = release.ManifestEntry
	Latest        = release.Latest
)

// Release file names.
const (
	DBFile       = release.DBFile
	DBGzFile     = release.DBGzFile
	ManifestFile = release.ManifestFile
	SumsFile     = release.SumsFile
	ChangesFile  = release.ChangesFile
	ChangesMD    = release.ChangesMD
	PackageFile  = release.PackageFile
	ReadmeFile   = release.ReadmeFile
	LatestFile   = release.LatestFile
	HomeFile     = release.HomeFile
	apiDir       = release.APIDir
)

// TarballName is the release tarball's file name.
func TarballName(id string) string { return release.TarballName(id) }

// ValidReleaseID reports whether id is a release id.
func ValidReleaseID(id string) bool { return release.ValidReleaseID(id) }

// ReleaseDate is the release id for a time: its UTC date.
func ReleaseDate(t time.Time) string { return release.ReleaseDate(t) }

func sha256hex(b []byte) string            { return release.SHA256Hex(b) }
func sha256sums(es []ManifestEntry) []byte { return release.SHA256Sums(es) }
