package tables

// Attribute names of the single DynamoDB table. All key attributes are strings.
const (
	// AttrPK is the table's partition key.
	AttrPK = "pk"
	// AttrSK is the table's sort key.
	AttrSK = "sk"
	// AttrGSI1PK is the partition key of index gsi1.
	AttrGSI1PK = "gsi1pk"
	// AttrGSI1SK is the sort key of index gsi1.
	AttrGSI1SK = "gsi1sk"
	// AttrGSI2PK is the partition key of index gsi2.
	AttrGSI2PK = "gsi2pk"
	// AttrGSI2SK is the sort key of index gsi2.
	AttrGSI2SK = "gsi2sk"
	// AttrGSI3PK is the partition key of index gsi3.
	AttrGSI3PK = "gsi3pk"
	// AttrGSI3SK is the sort key of index gsi3.
	AttrGSI3SK = "gsi3sk"
	// AttrGSI4PK is the partition key of index gsi4.
	AttrGSI4PK = "gsi4pk"
	// AttrGSI4SK is the sort key of index gsi4.
	AttrGSI4SK = "gsi4sk"
	// AttrExpiresAt is the TTL attribute: a number, epoch seconds.
	AttrExpiresAt = "expires_at"
)

// Names of the global secondary indexes.
const (
	// IndexGSI1 is the first global secondary index (gsi1pk/gsi1sk).
	IndexGSI1 = "gsi1"
	// IndexGSI2 is the second global secondary index (gsi2pk/gsi2sk).
	IndexGSI2 = "gsi2"
	// IndexGSI3 is the third global secondary index (gsi3pk/gsi3sk).
	IndexGSI3 = "gsi3"
	// IndexGSI4 is the fourth global secondary index (gsi4pk/gsi4sk).
	IndexGSI4 = "gsi4"
)

// Table-level settings, as declared in template.yaml.
const (
	// BillingMode is the table's capacity mode (on demand).
	BillingMode = "PAY_PER_REQUEST"
	// TTLAttribute is the attribute DynamoDB's time to live reads (number, epoch seconds).
	TTLAttribute = AttrExpiresAt
	// PointInTimeRecovery says PITR is on (template only: dynalite cannot).
	PointInTimeRecovery = true
	// ProjectionAll copies every attribute into the index (gsi1: listings read straight from it).
	ProjectionAll = "ALL"
	// ProjectionKeysOnly keeps only keys (gsi2-4: report ranges resolved with BatchGetItem), so
	// attribute changes of a ticket cost no index writes.
	ProjectionKeysOnly = "KEYS_ONLY"
)

// Index describes one global secondary index.
type Index struct {
	Name         string
	PartitionKey string
	SortKey      string
	Projection   string
}

// Indexes are the table's global secondary indexes, in order.
var Indexes = []Index{
	{Name: IndexGSI1, PartitionKey: AttrGSI1PK, SortKey: AttrGSI1SK, Projection: ProjectionAll},
	{Name: IndexGSI2, PartitionKey: AttrGSI2PK, SortKey: AttrGSI2SK, Projection: ProjectionKeysOnly},
	{Name: IndexGSI3, PartitionKey: AttrGSI3PK, SortKey: AttrGSI3SK, Projection: ProjectionKeysOnly},
	{Name: IndexGSI4, PartitionKey: AttrGSI4PK, SortKey: AttrGSI4SK, Projection: ProjectionKeysOnly},
}

// KeyAttributes lists every key attribute (table and indexes), all of type S.
func KeyAttributes() []string {
	attrs := []string{AttrPK, AttrSK}
	for _, ix := range Indexes {
		attrs = append(attrs, ix.PartitionKey, ix.SortKey)
	}
	return attrs
}
