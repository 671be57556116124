package upgradeapi

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// WaitOptions configure Wait.
type WaitOptions struct {
	Interval    time.Duration // first pause between two status calls (default 10s)
	MaxInterval time.Duration // longest pause (default the larger of Interval and 2 minutes)
	Timeout     time.Duration // give up after this long; 0 waits for ever
}

// Wait polls status until the request is done or delivered. The pause
// starts at Interval and grows by half after each unchanged answer up to
// MaxInterval, starting over when the state changes: an upgrade takes
// from minutes to hours and each poll costs the platform a little.
// Network failures and 5xx answers are retried until the timeout; a 4xx
// answer or failures end the wait at once, and a failed or cancelled
// request is an error (exit 1) with the platform's message.
func (c *Client) Wait(ctx context.Context, cr Credentials, o WaitOptions) (*Result, error) {
	if err := cr.Validate(); err != nil {
		return nil, err
	}
	if o.Interval <= 0 {
		o.Interval = 10 * time.Second
	}
	if o.MaxInterval < o.Interval {
		o.MaxInterval = max(o.Interval, 2*time.Minute)
	}
	if o.Timeout < 0 {
		return nil, usageErr(fmt.Errorf("--timeout %v: want a positive duration, or 0 for none", o.Timeout))
	}
	start := c.Clock.Now()
	delay := o.Interval
	var last *Result
	var lastErr error
	state := ""
	for {
		res, err := c.Status(ctx, cr)
		if err == nil {
			last = res
			err = res.Err()
			if err == nil && res.Response.Request == nil {
				err = serverErr(errors.New("status: the answer has no request"))
			}
		}
		if err != nil && !isTransient(err) {
			return last, err
		}
		if err != nil {
			lastErr = err
			c.Log.Warn("status failed, will try again", "error", mask(err.Error(), cr.Key))
		} else {
			lastErr = nil
			info := res.Response.Request
			if info.State != state {
				state = info.State
				delay = o.Interval
				if c.Notice != nil {
					fmt.Fprintf(c.Notice, "request %s: state %s\n", cr.Request, state)
				}
				c.Log.Info("request state", "request", cr.Request, "state", state)
			}
			switch state {
			case StateDone, StateDelivered:
				return res, nil
			case StateFailed, StateCancelled:
				msg := fmt.Sprintf("upgrade request %s %s", cr.Request, state)
				if info.CustomerMessage != "" {
					msg += ": " + info.CustomerMessage
				}
				return res, platformErr(errors.New(msg))
			}
		}
		if o.Timeout > 0 {
			left := o.Timeout - c.Clock.Now().Sub(start)
			if left <= 0 {
				msg := fmt.Sprintf("wait: request %s not done after %v (state %q)", cr.Request, o.Timeout, state)
				if lastErr != nil {
					msg += "; last error: " + mask(lastErr.Error(), cr.Key)
				}
				return last, serverErr(errors.New(msg))
			}
			delay = min(delay, left)
		}
		if err := c.Clock.Sleep(ctx, delay); err != nil {
			return last, fmt.Errorf("wait: %w", err)
		}
		delay = min(delay*3/2, o.MaxInterval)
	}
}
