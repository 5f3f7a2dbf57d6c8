// Bolt loads every receiver, and with them these packages, though a Lambda only ever constructs the
// AwsLambdaReceiver: Express and Socket Mode, raw-body (with iconv-lite's tables), @slack/oauth (with
// jsonwebtoken and semver) and path-to-regexp. Bundles alias them all to this stub (see
// receiver-aliases.ts): about 1.5 MB less to load at every cold start. Anything that really calls
// them fails loudly.
function notBundled() {
  throw new Error(
    'express, @slack/socket-mode, raw-body, @slack/oauth and path-to-regexp are not bundled in arize-ops Lambdas',
  );
}
module.exports = notBundled;
module.exports.Router = notBundled;
module.exports.SocketModeClient = notBundled;
module.exports.InstallProvider = notBundled;
module.exports.match = notBundled;
