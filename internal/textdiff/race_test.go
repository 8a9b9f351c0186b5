//go:build race

package textdiff

// raceEnabled is set under the race detector, which makes generating the
// 10,000-value files of the memory test take minutes.
const raceEnabled = true
