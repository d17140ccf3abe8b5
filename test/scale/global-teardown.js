// After the suite: whatever the run started must have been stopped by the suite itself. Anything
// still on record is ended here, and the run fails, because a stop went missing.
const leftovers = require('./leftovers');

module.exports = async () => {
	const ended = await leftovers.endThisProcess();
	if (ended)
		throw new Error(
			`The scale suite left ${ended} process group(s) running; they have been ended now`,
		);
};
