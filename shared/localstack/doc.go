// Package localstack runs the local AWS stand-ins of Inbox Metrics — dynalite
// (DynamoDB) and s3rver (S3) from <repo>/infra/node_modules — as child
// processes on 127.0.0.1. It installs them with `npm ci` when they are
// missing, waits until both answer, and kills their process groups on Stop
// (and, on Linux, when the parent process dies).
package localstack
