// Package bench compares the generated status enum with an enumer twin of
// the same 13 values (internal/enumertwin) and with a plain string type
// (internal/bench/plain), the floor for JSON cost; where encoding/json/v2
// is in the build (Go 1.27), the JSON rows also show the floor for the
// methods it calls, MarshalJSONTo and UnmarshalJSONFrom (impl=v2-floor).
//
// Every benchmark has one sub-benchmark per implementation, named impl=…, so
// that benchstat -col /impl prints them side by side with ratios. Each
// operation covers all 13 values per iteration. TestSanity proves each
// implementation does what its numbers claim before any number counts.
//
//	make bench        # the interleaved run and the benchstat table
//	make bench-scale  # statusgen against spec size; parse and compile time for 10 to 10,000 values
//	make bench-gen    # statusgen against enumer, as whole processes
package bench
