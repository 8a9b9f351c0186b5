module github.com/taskstatus/taskstatus/thirdparty

go 1.25

replace github.com/taskstatus/taskstatus => ../

require (
	github.com/spf13/pflag v1.1.0
	github.com/taskstatus/taskstatus v0.0.0
	github.com/vektah/gqlparser/v2 v2.5.64
	golang.org/x/tools v0.42.0
)

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
