module github.com/taskstatus/taskstatus

go 1.24.0

require (
	golang.org/x/tools v0.42.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/dmarkham/enumer v1.6.1 // indirect
	github.com/pascaldekloe/name v1.0.0 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
)

tool github.com/dmarkham/enumer
