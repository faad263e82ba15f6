exports.hello = async () => ({});
