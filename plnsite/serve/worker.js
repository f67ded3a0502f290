// plnsite live reload: one EventSource shared by every open tab of the site.
"use strict";
var ports = [];
var source = null;
var last = null;

function broadcast(data) {
  last = data;
  ports.forEach(function (port) { port.postMessage(data); });
}

function ensure(url) {
  if (source) return;
  source = new EventSource(url);
  source.onmessage = function (e) { broadcast(e.data); };
}

onconnect = function (event) {
  var port = event.ports[0];
  ports.push(port);
  port.onmessage = function (e) {
    if (e.data && e.data.hello) {
      ensure(e.data.hello);
      if (last !== null) port.postMessage(last);
    } else if (e.data && e.data.bye) {
      ports = ports.filter(function (p) { return p !== port; });
      if (ports.length === 0 && source) { source.close(); source = null; last = null; }
    }
  };
  port.start();
};
