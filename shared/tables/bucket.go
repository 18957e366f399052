package tables

// Key prefixes of the S3 bucket.
const (
	// PrefixExports holds download copies; they expire after ExportsExpirationDays.
	PrefixExports = "exports/"
	// PrefixLake holds the Athena data lake; it never expires.
	PrefixLake = "lake/"
)

// Bucket lifecycle facts, as declared in template.yaml.
const (
	// ExportsExpirationDays is how long objects under PrefixExports live.
	ExportsExpirationDays = 7
	// AbortIncompleteMultipartDays is when unfinished multipart uploads are aborted (whole bucket).
	AbortIncompleteMultipartDays = 1
	// BucketSSEAlgorithm is the bucket's default server-side encryption.
	BucketSSEAlgorithm = "AES256"
)

// LifecycleRule is one rule of the bucket's lifecycle configuration.
// Zero days mean the rule has no such action; an empty Prefix means the whole bucket.
type LifecycleRule struct {
	ID                           string
	Prefix                       string
	ExpirationDays               int
	AbortIncompleteMultipartDays int
}

// LifecycleRules are the bucket's lifecycle rules, in template order.
var LifecycleRules = []LifecycleRule{
	{ID: "expire-exports", Prefix: PrefixExports, ExpirationDays: ExportsExpirationDays},
	{ID: "abort-incomplete-multipart-uploads", AbortIncompleteMultipartDays: AbortIncompleteMultipartDays},
}
