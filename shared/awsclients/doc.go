// Package awsclients builds the DynamoDB and S3 clients of Inbox Metrics from
// the environment: in Lambda the default AWS configuration; locally, when
// DYNAMODB_ENDPOINT / S3_ENDPOINT are set, clients for the local stand-ins
// (dynalite, s3rver) with static credentials, region us-east-1, path-style S3
// and short retries.
package awsclients
