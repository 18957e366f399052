// Package testenv gives integration tests a local AWS stack: one dynalite and
// one s3rver per test binary, started on first use and shared by all tests,
// with a fresh, uniquely named table and bucket for every New.
//
// A package with integration tests calls Main from its TestMain so the
// servers stop when the tests end:
//
//	func TestMain(m *testing.M) { testenv.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		env := testenv.New(t)
//		// env.Dynamo, env.S3, env.Table, env.Bucket ...
//	}
//
// Without Main the servers still die with the test binary (Linux parent-death
// signal), but Main is the clean way. When the stack cannot start, New fails
// the test; it never skips.
package testenv
