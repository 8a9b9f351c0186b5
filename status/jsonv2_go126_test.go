//go:build goexperiment.jsonv2 && !go1.27

package status_test

import (
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
)

// unmarshalV2 is encoding/json/v2's Unmarshal for jsonv2_test.go. It is
// declared twice because Go 1.27 lets only files at language version 1.27
// use the package, and a constraint upgrades a file's version only when it
// implies go1.27; jsonv2_go127_test.go declares it there.
var unmarshalV2 = func(in []byte, out any) error { return jsonv2.Unmarshal(in, out) }

// marshalV2 is encoding/json/v2's Marshal, declared twice for the same reason.
var marshalV2 = func(in any) ([]byte, error) { return jsonv2.Marshal(in) }

// unmarshalV2Lax is unmarshalV2 with jsontext.AllowInvalidUTF8, as
// encoding/json runs it, declared twice for the same reason.
var unmarshalV2Lax = func(in []byte, out any) error { return jsonv2.Unmarshal(in, out, jsontext.AllowInvalidUTF8(true)) }
