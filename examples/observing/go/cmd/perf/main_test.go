package main

import "testing"

func TestSharesReadsPerfReportLines(t *testing.T) {
	report := []byte(`    97.17%    96.58%  [.] obs_busy                    -      -
     1.77%     0.00%  [k] do_syscall_64               -      -
    96.65%     0.00%  [.] _cgo_81ab1ef82173_Cfunc_obs_busy
# a comment line
`)
	children, self, err := shares(report)
	if err != nil {
		t.Fatal(err)
	}
	if self["obs_busy"] != 96.58 || children["obs_busy"] != 97.17 {
		t.Errorf("obs_busy: children %v, self %v", children["obs_busy"], self["obs_busy"])
	}
	if got := match(children, "_Cfunc_obs_busy"); got != 96.65 {
		t.Errorf("cgo wrapper: %v", got)
	}
	if children["do_syscall_64"] != 1.77 {
		t.Errorf("kernel symbol: %v", children["do_syscall_64"])
	}
}

func TestSharesRefusesALineItCannotRead(t *testing.T) {
	if _, _, err := shares([]byte("  lots  0.00%  [.] obs_busy\n")); err == nil {
		t.Fatal("want an error for a share that is not a number")
	}
}
