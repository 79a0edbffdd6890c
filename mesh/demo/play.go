package demo

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxPlaySteps bounds a played session: the longest script takes ten.
const maxPlaySteps = 50

// Play opens the Link session of a demo token and plays script to its end
// over plain HTTP, as the page would with nobody at the keyboard. It
// returns the views in order; their Messages are what the page would have
// posted. Tests of the transfer list and the webhooks make transfers so.
func Play(ctx context.Context, client *http.Client, linkToken string, script Script) ([]View, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(linkToken))
	if err != nil {
		return nil, fmt.Errorf("play Link: the token is not base64: %w", err)
	}
	u, err := url.Parse(string(raw))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("play Link: the token does not decode to a URL")
	}
	sessions := u.Scheme + "://" + u.Host + "/demo/link/sessions"
	v, err := linkCall(ctx, client, sessions, map[string]string{"linkToken": linkToken, "script": string(script)})
	if err != nil {
		return nil, err
	}
	views := []View{v}
	for v.Next != nil {
		if len(views) > maxPlaySteps {
			return views, fmt.Errorf("play Link: %s did not end within %d steps", script, maxPlaySteps)
		}
		if v, err = linkCall(ctx, client, sessions+"/"+url.PathEscape(v.Session)+"/"+url.PathEscape(v.Next.Action), v.Next.Body); err != nil {
			return views, err
		}
		views = append(views, v)
	}
	return views, nil
}

// Messages are the messages of views, in order.
func Messages(views []View) []Message {
	var out []Message
	for _, v := range views {
		out = append(out, v.Messages...)
	}
	return out
}

func linkCall(ctx context.Context, client *http.Client, url string, body map[string]string) (View, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return View{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return View{}, fmt.Errorf("play Link: %w", err)
	}
	defer resp.Body.Close()
	var env struct {
		Content View   `json:"content"`
		Status  string `json:"status"`
		Message string `json:"message"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, MaxBody)).Decode(&env); err != nil {
		return View{}, fmt.Errorf("play Link: %s answered %s with no Mesh envelope: %w", url, resp.Status, err)
	}
	if env.Status != "ok" {
		return View{}, errors.New("play Link: " + env.Message)
	}
	return env.Content, nil
}
