console.log("feedback CLI: not yet implemented"); process.exit(2);
