// Bolt imports Express (ExpressReceiver) and Socket Mode (SocketModeReceiver) eagerly, though a
// Lambda only ever constructs the AwsLambdaReceiver. Bundles alias both packages to this stub:
// about 0.9 MB less to load at every cold start. Anything that really calls them fails loudly.
function notBundled() {
  throw new Error('express and @slack/socket-mode are not bundled in arize-ops Lambdas');
}
module.exports = notBundled;
module.exports.Router = notBundled;
module.exports.SocketModeClient = notBundled;
