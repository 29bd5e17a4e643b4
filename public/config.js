// Reader settings; `kanbao package` writes this file (see README.md).
window.kanbaoConfig = {"kiosk":false,"idle_seconds":180,"public_url":null};
