package tables

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// loadTemplate reads <repo>/template.yaml as plain maps, slices and strings.
// CloudFormation short tags become their long form: !Ref x → {"Ref": x},
// !Sub s → {"Fn::Sub": s}, !GetAtt a.b → {"Fn::GetAtt": "a.b"}.
func loadTemplate(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("parse template.yaml: %v", err)
	}
	m, ok := plain(&doc).(map[string]any)
	if !ok {
		t.Fatal("template.yaml is not a mapping")
	}
	return m
}

// plain converts a yaml.Node to maps, slices and strings, keeping CloudFormation tags.
func plain(n *yaml.Node) any {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		name := n.Tag[1:]
		if name != "Ref" && name != "Condition" {
			name = "Fn::" + name
		}
		inner := *n
		inner.Tag = ""
		return map[string]any{name: plain(&inner)}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		return plain(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, plain(c))
		}
		return s
	case yaml.AliasNode:
		return plain(n.Alias)
	default:
		return n.Value
	}
}

// at walks keys (map keys, or decimal indexes into slices) and fails if a step is missing.
func at(t *testing.T, v any, path ...string) any {
	t.Helper()
	for i, k := range path {
		switch c := v.(type) {
		case map[string]any:
			next, ok := c[k]
			if !ok {
				t.Fatalf("template: no %s", strings.Join(path[:i+1], "."))
			}
			v = next
		case []any:
			idx, err := strconv.Atoi(k)
			if err != nil || idx >= len(c) {
				t.Fatalf("template: no %s", strings.Join(path[:i+1], "."))
			}
			v = c[idx]
		default:
			t.Fatalf("template: %s is a %T", strings.Join(path[:i], "."), v)
		}
	}
	return v
}

// resourcesOfType returns the logical IDs and properties of resources of type typ.
func resourcesOfType(t *testing.T, tpl map[string]any, typ string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for id, r := range at(t, tpl, "Resources").(map[string]any) {
		rm := r.(map[string]any)
		if rm["Type"] == typ {
			out[id] = rm
		}
	}
	return out
}

func TestTemplateTable(t *testing.T) {
	tpl := loadTemplate(t)
	p := at(t, tpl, "Resources", "Table", "Properties")
	if got := at(t, tpl, "Resources", "Table", "Type"); got != "AWS::DynamoDB::Table" {
		t.Fatalf("Table type %v", got)
	}

	var attrs []string
	for _, a := range at(t, p, "AttributeDefinitions").([]any) {
		am := a.(map[string]any)
		if am["AttributeType"] != "S" {
			t.Errorf("attribute %v has type %v, want S", am["AttributeName"], am["AttributeType"])
		}
		attrs = append(attrs, am["AttributeName"].(string))
	}
	want := KeyAttributes()
	sort.Strings(attrs)
	sort.Strings(want)
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("attribute definitions %v, want %v", attrs, want)
	}

	keys := func(v any) []string {
		var ks []string
		for _, k := range v.([]any) {
			km := k.(map[string]any)
			ks = append(ks, km["AttributeName"].(string)+" "+km["KeyType"].(string))
		}
		return ks
	}
	if got, want := keys(at(t, p, "KeySchema")), []string{AttrPK + " HASH", AttrSK + " RANGE"}; !reflect.DeepEqual(got, want) {
		t.Errorf("key schema %v, want %v", got, want)
	}
	gsis := at(t, p, "GlobalSecondaryIndexes").([]any)
	if len(gsis) != len(Indexes) {
		t.Fatalf("%d GSIs, want %d", len(gsis), len(Indexes))
	}
	for i, ix := range Indexes {
		g := gsis[i]
		if got := at(t, g, "IndexName"); got != ix.Name {
			t.Errorf("GSI %d name %v, want %s", i, got, ix.Name)
		}
		if got, want := keys(at(t, g, "KeySchema")), []string{ix.PartitionKey + " HASH", ix.SortKey + " RANGE"}; !reflect.DeepEqual(got, want) {
			t.Errorf("GSI %s keys %v, want %v", ix.Name, got, want)
		}
		if got := at(t, g, "Projection", "ProjectionType"); got != ix.Projection {
			t.Errorf("GSI %s projection %v, want %s", ix.Name, got, ix.Projection)
		}
		if _, ok := g.(map[string]any)["ProvisionedThroughput"]; ok {
			t.Errorf("GSI %s has provisioned throughput on an on-demand table", ix.Name)
		}
	}

	tests := []struct {
		path []string
		want string
	}{
		{[]string{"BillingMode"}, BillingMode},
		{[]string{"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"}, strconv.FormatBool(PointInTimeRecovery)},
		{[]string{"TimeToLiveSpecification", "AttributeName"}, TTLAttribute},
		{[]string{"TimeToLiveSpecification", "Enabled"}, "true"},
	}
	for _, tc := range tests {
		if got := at(t, p, tc.path...); got != tc.want {
			t.Errorf("Table %s = %v, want %s", strings.Join(tc.path, "."), got, tc.want)
		}
	}
}

func TestTemplateBucket(t *testing.T) {
	tpl := loadTemplate(t)
	p := at(t, tpl, "Resources", "Bucket", "Properties")
	for _, k := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
		if got := at(t, p, "PublicAccessBlockConfiguration", k); got != "true" {
			t.Errorf("PublicAccessBlockConfiguration.%s = %v, want true", k, got)
		}
	}
	if got := at(t, p, "BucketEncryption", "ServerSideEncryptionConfiguration", "0",
		"ServerSideEncryptionByDefault", "SSEAlgorithm"); got != BucketSSEAlgorithm {
		t.Errorf("SSE algorithm %v, want %s", got, BucketSSEAlgorithm)
	}

	var got []LifecycleRule
	for _, r := range at(t, p, "LifecycleConfiguration", "Rules").([]any) {
		rm := r.(map[string]any)
		if rm["Status"] != "Enabled" {
			t.Errorf("lifecycle rule %v is not enabled", rm["Id"])
		}
		lr := LifecycleRule{ID: rm["Id"].(string)}
		if s, ok := rm["Prefix"].(string); ok {
			lr.Prefix = s
		}
		if s, ok := rm["ExpirationInDays"].(string); ok {
			lr.ExpirationDays, _ = strconv.Atoi(s)
		}
		if a, ok := rm["AbortIncompleteMultipartUpload"]; ok {
			lr.AbortIncompleteMultipartDays, _ = strconv.Atoi(at(t, a, "DaysAfterInitiation").(string))
		}
		got = append(got, lr)
	}
	if !reflect.DeepEqual(got, LifecycleRules) {
		t.Errorf("lifecycle rules\n got %+v\nwant %+v", got, LifecycleRules)
	}
	for _, r := range got {
		if r.ExpirationDays > 0 && strings.HasPrefix(PrefixLake, r.Prefix) {
			t.Errorf("lifecycle rule %s expires objects under %s", r.ID, PrefixLake)
		}
	}
}

func TestTemplateGlue(t *testing.T) {
	tpl := loadTemplate(t)
	dbs := resourcesOfType(t, tpl, "AWS::Glue::Database")
	if len(dbs) != 1 {
		t.Fatalf("%d Glue databases, want 1", len(dbs))
	}
	for _, db := range dbs {
		if got := at(t, db, "Properties", "DatabaseInput", "Name"); got != GlueDatabase {
			t.Errorf("Glue database name %v, want %s", got, GlueDatabase)
		}
	}

	byName := map[string]any{}
	for id, r := range resourcesOfType(t, tpl, "AWS::Glue::Table") {
		name := at(t, r, "Properties", "TableInput", "Name").(string)
		if _, dup := byName[name]; dup {
			t.Errorf("Glue table %s declared twice (%s)", name, id)
		}
		byName[name] = at(t, r, "Properties")
	}
	if got := slices.Sorted(maps.Keys(byName)); !reflect.DeepEqual(got, slices.Sorted(slices.Values(Datasets))) {
		t.Fatalf("Glue tables %v, want %v", got, Datasets)
	}
	columns := func(v any) []Column {
		var cs []Column
		for _, c := range v.([]any) {
			cm := c.(map[string]any)
			cs = append(cs, Column{Name: cm["Name"].(string), Type: cm["Type"].(string)})
		}
		return cs
	}
	for _, ds := range Datasets {
		p := byName[ds]
		if got := at(t, p, "DatabaseName"); !reflect.DeepEqual(got, map[string]any{"Ref": "GlueDatabase"}) {
			t.Errorf("%s: DatabaseName %v", ds, got)
		}
		ti := at(t, p, "TableInput")
		if got := columns(at(t, ti, "StorageDescriptor", "Columns")); !reflect.DeepEqual(got, GlueColumns[ds]) {
			t.Errorf("%s columns\n got %v\nwant %v", ds, got, GlueColumns[ds])
		}
		if got := columns(at(t, ti, "PartitionKeys")); !reflect.DeepEqual(got, GluePartitionKeys) {
			t.Errorf("%s partition keys %v, want %v", ds, got, GluePartitionKeys)
		}
		loc := "s3://${Bucket}/" + LakeDatasetPrefix(ds)
		wantParams := map[string]any{
			"classification":               "parquet",
			"EXTERNAL":                     "TRUE",
			"projection.enabled":           "true",
			"projection.workspace_id.type": "injected",
			"projection.dt.type":           "date",
			"projection.dt.format":         "yyyy-MM-dd",
			"projection.dt.range":          "2025-01-01,NOW",
			"projection.dt.interval":       "1",
			"projection.dt.interval.unit":  "DAYS",
			"storage.location.template": map[string]any{
				"Fn::Sub": loc + "workspace_id=${!workspace_id}/dt=${!dt}/",
			},
		}
		if got := at(t, ti, "Parameters"); !reflect.DeepEqual(got, wantParams) {
			t.Errorf("%s parameters\n got %v\nwant %v", ds, got, wantParams)
		}
		checks := []struct {
			path []string
			want any
		}{
			{[]string{"TableType"}, "EXTERNAL_TABLE"},
			{[]string{"StorageDescriptor", "Location"}, map[string]any{"Fn::Sub": loc}},
			{[]string{"StorageDescriptor", "InputFormat"}, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"},
			{[]string{"StorageDescriptor", "OutputFormat"}, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"},
			{[]string{"StorageDescriptor", "SerdeInfo", "SerializationLibrary"}, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"},
		}
		for _, c := range checks {
			if got := at(t, ti, c.path...); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s %s = %v, want %v", ds, strings.Join(c.path, "."), got, c.want)
			}
		}
	}
}

func TestTemplateFunctions(t *testing.T) {
	tpl := loadTemplate(t)
	globals := at(t, tpl, "Globals", "Function")
	globalChecks := []struct {
		path []string
		want any
	}{
		{[]string{"Runtime"}, "provided.al2023"},
		{[]string{"Architectures"}, []any{"arm64"}},
		{[]string{"Handler"}, "bootstrap"},
		{[]string{"LoggingConfig", "LogFormat"}, "JSON"},
		{[]string{"Environment", "Variables", "TABLE_NAME"}, map[string]any{"Ref": "Table"}},
		{[]string{"Environment", "Variables", "BUCKET_NAME"}, map[string]any{"Ref": "Bucket"}},
	}
	for _, c := range globalChecks {
		if got := at(t, globals, c.path...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Globals.Function.%s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}

	want := map[string]string{
		"ApiFunction":       "functions/api/",
		"WebhooksFunction":  "functions/webhooks/",
		"ExporterFunction":  "functions/exporter/",
		"RollupJobFunction": "jobs/rollup/",
		"ExportJobFunction": "jobs/export/",
	}
	got := map[string]string{}
	for id, r := range resourcesOfType(t, tpl, "AWS::Serverless::Function") {
		got[id], _ = at(t, r, "Properties", "CodeUri").(string)
		if bm := at(t, r, "Metadata", "BuildMethod"); bm != "go1.x" {
			t.Errorf("%s BuildMethod %v, want go1.x", id, bm)
		}
		props := at(t, r, "Properties").(map[string]any)
		for _, k := range []string{"Runtime", "Architectures", "Handler"} {
			if _, ok := props[k]; ok {
				t.Errorf("%s overrides Globals %s", id, k)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("functions and CodeUris\n got %v\nwant %v", got, want)
	}

	res := at(t, tpl, "Resources")
	for _, id := range []string{"ExporterFunction", "RollupJobFunction", "ExportJobFunction"} {
		if got := at(t, res, id, "Properties", "Timeout"); got != "900" {
			t.Errorf("%s timeout %v, want 900", id, got)
		}
	}
	if got := at(t, res, "ExporterFunction", "Properties", "MemorySize"); got != "1024" {
		t.Errorf("ExporterFunction memory %v, want 1024", got)
	}
	if got := at(t, res, "ApiFunction", "Properties", "Environment", "Variables", "EXPORTER_FUNCTION"); !reflect.DeepEqual(got, map[string]any{"Ref": "ExporterFunction"}) {
		t.Errorf("ApiFunction EXPORTER_FUNCTION = %v", got)
	}
}

func TestTemplateRoutes(t *testing.T) {
	tpl := loadTemplate(t)
	res := at(t, tpl, "Resources")
	auth := at(t, res, "HttpApi", "Properties", "Auth")
	if got := at(t, auth, "DefaultAuthorizer"); got != "JwtAuthorizer" {
		t.Errorf("default authorizer %v", got)
	}
	jwt := at(t, auth, "Authorizers", "JwtAuthorizer")
	if got := at(t, jwt, "IdentitySource"); got != "$request.header.Authorization" {
		t.Errorf("identity source %v", got)
	}
	if got := at(t, jwt, "JwtConfiguration", "issuer"); !reflect.DeepEqual(got, map[string]any{"Ref": "JwtIssuer"}) {
		t.Errorf("issuer %v", got)
	}
	if got := at(t, jwt, "JwtConfiguration", "audience"); !reflect.DeepEqual(got, []any{map[string]any{"Ref": "JwtAudience"}}) {
		t.Errorf("audience %v", got)
	}

	tests := []struct {
		function, method, path string
		public                 bool
	}{
		{"ApiFunction", "ANY", "/v1/{proxy+}", false},
		{"ApiFunction", "GET", "/healthz", true},
		{"WebhooksFunction", "GET", "/webhooks/whatsapp/{workspace_id}", true},
		{"WebhooksFunction", "POST", "/webhooks/whatsapp/{workspace_id}", true},
		{"WebhooksFunction", "POST", "/webhooks/events/{workspace_id}", true},
		{"WebhooksFunction", "POST", "/webhooks/chatwoot/{workspace_id}", true},
	}
	routes := map[string]bool{} // "fn METHOD path" → public
	for id, r := range resourcesOfType(t, tpl, "AWS::Serverless::Function") {
		evs, _ := r["Properties"].(map[string]any)["Events"].(map[string]any)
		for name, e := range evs {
			if at(t, e, "Type") != "HttpApi" {
				continue
			}
			p := at(t, e, "Properties").(map[string]any)
			if !reflect.DeepEqual(p["ApiId"], map[string]any{"Ref": "HttpApi"}) {
				t.Errorf("%s event %s is not on HttpApi", id, name)
			}
			a, _ := p["Auth"].(map[string]any)
			routes[id+" "+p["Method"].(string)+" "+p["Path"].(string)] = a != nil && a["Authorizer"] == "NONE"
		}
	}
	if len(routes) != len(tests) {
		t.Errorf("routes %v, want %d", routes, len(tests))
	}
	for _, tc := range tests {
		key := tc.function + " " + tc.method + " " + tc.path
		public, ok := routes[key]
		if !ok {
			t.Errorf("missing route %s", key)
		} else if public != tc.public {
			t.Errorf("route %s public = %v, want %v", key, public, tc.public)
		}
	}
}

func TestTemplateSchedules(t *testing.T) {
	tpl := loadTemplate(t)
	tests := []struct {
		target, cron string
	}{
		{"RollupJobFunction", "cron(5 * * * ? *)"},
		{"ExportJobFunction", "cron(20 * * * ? *)"},
	}
	schedules := resourcesOfType(t, tpl, "AWS::Scheduler::Schedule")
	if len(schedules) != len(tests) {
		t.Fatalf("%d schedules, want %d", len(schedules), len(tests))
	}
	for _, tc := range tests {
		found := false
		for id, s := range schedules {
			p := at(t, s, "Properties")
			if !reflect.DeepEqual(at(t, p, "Target", "Arn"), map[string]any{"Fn::GetAtt": tc.target + ".Arn"}) {
				continue
			}
			found = true
			if got := at(t, p, "ScheduleExpression"); got != tc.cron {
				t.Errorf("%s expression %v, want %s", id, got, tc.cron)
			}
			if in := at(t, p, "Target", "Input").(string); !strings.Contains(in, `"scheduled_time": "<aws.scheduler.scheduled-time>"`) {
				t.Errorf("%s input %s lacks scheduled_time", id, in)
			}
			if _, ok := at(t, p, "Target", "RetryPolicy").(map[string]any); !ok {
				t.Errorf("%s has no retry policy", id)
			}
			if got := at(t, p, "Target", "RoleArn"); !reflect.DeepEqual(got, map[string]any{"Fn::GetAtt": "SchedulerRole.Arn"}) {
				t.Errorf("%s role %v", id, got)
			}
		}
		if !found {
			t.Errorf("no schedule targets %s", tc.target)
		}
	}
}
