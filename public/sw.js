// 看报 kanbao service worker: the archive keeps working offline over http.
// Registered as `sw.js?v=<hash of bundle/manifest.js>` by index.html, so a
// rebuilt archive or an addition installs a new worker, with a new cache of
// the reader (the shell) that replaces the old one. Bundle files are asked
// for by URLs that change with their content (`docs/0003.js?v=<hash>`, or a
// name that carries it: Manifest::url_of), so they are served cache-first
// from a cache that outlives worker versions: after an addition only the new
// and changed files come over the network. The page tells the worker the
// URLs of its bundle's files, and the others are dropped from that cache.
// The page, manifest.js and config.js are network-first, so an update is
// seen whenever the network is there.
"use strict";

var scope = self.registration.scope;
var version = new URL(self.location.href).searchParams.get("v") || "dev";
// One origin can host several archives (host/a/, host/b/): name caches by scope.
var prefix = "kanbao " + scope + " ";
var cacheName = prefix + version;
var filesCache = prefix + "files";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(cacheName).then(function (cache) {
    var fixed = ["./", "index.html", "config.js", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png", "bundle/manifest.js"];
    // The stylesheet's name carries a content hash: read it from the page.
    return fetch("index.html", { cache: "reload" }).then(function (r) { return r.text(); }).then(function (html) {
      var css = [];
      html.replace(/<link[^>]+rel="stylesheet"[^>]*>/g, function (tag) {
        var m = /href="([^"]+)"/.exec(tag);
        if (m && !/^[a-z]+:/i.test(m[1])) { css.push(m[1]); }
      });
      return fixed.concat(css);
    }, function () { return fixed; }).then(function (urls) {
      // A file that fails (an optional icon, say) must not stop the install.
      return Promise.all(urls.map(function (u) {
        return fetch(u, { cache: "reload" }).then(function (r) {
          if (r.ok) { return cache.put(u, r); }
        }, function () {});
      }));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf(prefix) === 0 && k !== cacheName && k !== filesCache;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The network's answer when it is a good one; otherwise (offline, or the host
// no longer has the file) the cached copy, if there is one.
function networkFirst(request, fallback) {
  function cached(failed) {
    return caches.open(cacheName).then(function (c) {
      return c.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || (fallback ? c.match(fallback) : Promise.resolve()).then(function (h) {
          return h || failed || Response.error();
        });
      });
    });
  }
  return fetch(request).then(function (r) {
    if (!r.ok) { return cached(r); }
    var copy = r.clone();
    caches.open(cacheName).then(function (c) { return c.put(request, copy); });
    return r;
  }, function () { return cached(null); });
}

// Bundle files from the files cache, by full URL; page images are named by
// their content and shown by <img> as they are: any copy answers for them.
function cacheFirst(request, name, anyVersion) {
  return caches.open(name).then(function (c) {
    return c.match(request, { ignoreSearch: !!anyVersion }).then(function (hit) {
      return hit || fetch(request).then(function (r) {
        if (r.ok) { c.put(request, r.clone()); }
        return r;
      });
    });
  });
}

// The page's list of every file of the bundle it opened, as absolute URLs
// (index.html's kanbaoKeep): the files cache drops the rest, files of earlier
// builds. Only from a page of the bundle this worker was registered for.
function keepOnly(urls) {
  var keep = {};
  urls.forEach(function (u) { keep[u] = true; });
  return caches.open(filesCache).then(function (c) {
    return c.keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return !keep[r.url]; })
        .map(function (r) { return c.delete(r); }));
    });
  });
}

self.addEventListener("message", function (event) {
  var d = event.data;
  if (d && d.version === version && Array.isArray(d.keep) && d.keep.length > 0) {
    event.waitUntil(keepOnly(d.keep));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(scope) !== 0) { return; }
  var path = request.url.slice(scope.length).split(/[?#]/)[0];
  if (request.mode === "navigate" || path === "" || path === "index.html") {
    event.respondWith(networkFirst(request, "index.html"));
  } else if (path === "bundle/manifest.js" || path === "config.js") {
    event.respondWith(networkFirst(request));
  } else if (path.indexOf("bundle/") === 0) {
    event.respondWith(cacheFirst(request, filesCache, path.indexOf("bundle/pages/") === 0));
  } else {
    // The reader's own files (the stylesheet's name carries its hash).
    event.respondWith(cacheFirst(request, cacheName, false));
  }
});
