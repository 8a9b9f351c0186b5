//go:build goexperiment.jsonv2 && go1.27

package status_test

import (
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
)

// unmarshalV2: see jsonv2_go126_test.go.
var unmarshalV2 = func(in []byte, out any) error { return jsonv2.Unmarshal(in, out) }

// marshalV2: see jsonv2_go126_test.go.
var marshalV2 = func(in any) ([]byte, error) { return jsonv2.Marshal(in) }

// unmarshalV2Lax: see jsonv2_go126_test.go.
var unmarshalV2Lax = func(in []byte, out any) error { return jsonv2.Unmarshal(in, out, jsontext.AllowInvalidUTF8(true)) }
