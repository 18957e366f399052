package awsclients

import "os"

// Environment variable names.
const (
	// EnvTableName names the DynamoDB table.
	EnvTableName = "TABLE_NAME"
	// EnvBucketName names the S3 bucket.
	EnvBucketName = "BUCKET_NAME"
	// EnvDynamoEndpoint, when set, points DynamoDB at a local server (e.g. http://127.0.0.1:4567).
	EnvDynamoEndpoint = "DYNAMODB_ENDPOINT"
	// EnvS3Endpoint, when set, points S3 at a local server (e.g. http://127.0.0.1:4568).
	EnvS3Endpoint = "S3_ENDPOINT"
)

// Settings say which table and bucket to use and where.
// Empty endpoints mean real AWS with the default configuration.
type Settings struct {
	TableName      string
	BucketName     string
	DynamoEndpoint string
	S3Endpoint     string
}

// SettingsFromEnv reads Settings from the environment variables above.
func SettingsFromEnv() Settings {
	return Settings{
		TableName:      os.Getenv(EnvTableName),
		BucketName:     os.Getenv(EnvBucketName),
		DynamoEndpoint: os.Getenv(EnvDynamoEndpoint),
		S3Endpoint:     os.Getenv(EnvS3Endpoint),
	}
}
