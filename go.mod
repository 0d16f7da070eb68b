module github.com/chemores/chemores

go 1.26.8

require (
	github.com/go-pdf/fpdf v0.9.0
	github.com/ledongthuc/pdf v0.0.0-20260907135840-6c8c28e0e8a0
	golang.org/x/text v0.44.0
)
