package markdown

// Lookups record every link and citation look-up of one render and the
// answer it got (see [Lookups.Record]): a memo of the result stays valid
// while every look-up gets the same answer ([Lookups.Same]). It is not
// safe for concurrent use: one render records into it.
type Lookups struct {
	resolves map[string]answer
	cites    map[string]answer
}

// answer is one answer of a Resolve or Cite look-up.
type answer struct {
	href string
	ok   bool
}

// Record returns in with its Resolve and Cite (when not nil) recording
// into l each look-up and its answer.
func (l *Lookups) Record(in Input) Input {
	l.resolves, l.cites = map[string]answer{}, map[string]answer{}
	in.Resolve = recording(in.Resolve, l.resolves)
	if in.Cite != nil {
		in.Cite = recording(in.Cite, l.cites)
	}
	return in
}

// recording wraps look, noting each look-up and its answer in into.
func recording(look func(string) (string, bool), into map[string]answer) func(string) (string, bool) {
	return func(key string) (string, bool) {
		href, ok := look(key)
		into[key] = answer{href, ok}
		return href, ok
	}
}

// Same reports whether resolve and cite give every look-up l recorded the
// answer it got then: whether the render would give the same result again.
func (l *Lookups) Same(resolve, cite func(string) (string, bool)) bool {
	for target, was := range l.resolves {
		if href, ok := resolve(target); (answer{href, ok}) != was {
			return false
		}
	}
	for number, was := range l.cites {
		if cite == nil {
			return false
		}
		if href, ok := cite(number); (answer{href, ok}) != was {
			return false
		}
	}
	return true
}
