// Package subprocess calls the Rust kernel in another process: a Rust
// executable (rust/src/bin/crossings-server.rs) that answers length-prefixed
// frames on its standard input and output. Nothing Rust does can corrupt or end
// the Go process; every input is copied twice.
package subprocess

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"

	"example.com/handbook/crossings"
)

// The ops of rust/src/bin/crossings-server.rs.
const (
	opNoop    = 0
	opAdler32 = 1
	opPanic   = 2
	opAbort   = 3
)

// ErrChildDied is returned, wrapped with the child's exit status, once the
// server has died.
var ErrChildDied = errors.New("crossings: the Rust child process died")

// Child is a running server. It is not safe for concurrent use (one request at
// a time on the pipe); Close it to end the child.
type Child struct {
	cmd     *exec.Cmd
	inFile  *os.File // the child's standard input, our end
	outFile *os.File // the child's standard output, our end
	in      *bufio.Writer
	out     *bufio.Reader
	dead    error
}

// region: start
// Start runs the server at path, its standard error shared with this process.
func Start(path string) (*Child, error) {
	childIn, in, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	out, childOut, err := os.Pipe()
	if err != nil {
		return nil, errors.Join(err, childIn.Close(), in.Close())
	}
	growPipe(in)
	growPipe(out)
	cmd := exec.Command(path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = childIn, childOut, os.Stderr
	err = cmd.Start()
	// The child holds its own copies of its ends now (or never will).
	closeErr := errors.Join(childIn.Close(), childOut.Close())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("crossings: %w", err), closeErr, in.Close(), out.Close())
	}
	c := &Child{cmd: cmd, inFile: in, outFile: out, in: bufio.NewWriter(in), out: bufio.NewReader(out)}
	if closeErr != nil {
		return nil, errors.Join(closeErr, c.Close())
	}
	return c, nil
}

// endregion

// region: request
// request sends one frame and reads the reply; a broken pipe means the child
// died, and Wait says how.
func (c *Child) request(op byte, payload []byte) (uint32, error) {
	if c.dead != nil {
		return 0, c.dead
	}
	if len(payload) > math.MaxUint32 {
		return 0, fmt.Errorf("crossings: a frame of %d bytes", len(payload))
	}
	var header [5]byte
	header[0] = op
	binary.LittleEndian.PutUint32(header[1:], uint32(len(payload)))
	var reply [5]byte
	_, err := c.in.Write(header[:])
	if err == nil {
		_, err = c.in.Write(payload)
	}
	if err == nil {
		err = c.in.Flush()
	}
	if err == nil {
		_, err = io.ReadFull(c.out, reply[:])
	}
	if err != nil {
		status := c.cmd.Wait()
		c.dead = fmt.Errorf("%w (%v): %v", ErrChildDied, status, err)
		return 0, errors.Join(c.dead, c.inFile.Close(), c.outFile.Close())
	}
	return binary.LittleEndian.Uint32(reply[1:]), crossings.Check(fmt.Sprintf("op %d", op), int32(reply[0]))
}

// endregion

// Adler32 sends data to the child and reads back its checksum.
func (c *Child) Adler32(data []byte) (uint32, error) { return c.request(opAdler32, data) }

// Noop makes a round trip without work.
func (c *Child) Noop() error {
	_, err := c.request(opNoop, nil)
	return err
}

// Fail asks the child to fail (crossings.FailPanic or FailAbort): either way it
// dies alone.
func (c *Child) Fail(how uint32) error {
	op := byte(opPanic)
	if how == crossings.FailAbort {
		op = opAbort
	}
	_, err := c.request(op, nil)
	return err
}

// Close ends the child by closing its input, and waits for it.
func (c *Child) Close() error {
	if c.dead != nil {
		return nil // already waited for
	}
	c.dead = errors.New("crossings: child closed")
	closed := c.inFile.Close() // the server's end of input: it returns
	return errors.Join(closed, c.cmd.Wait(), c.outFile.Close())
}
