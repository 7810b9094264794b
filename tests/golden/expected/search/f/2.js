window.gwsiteSearch.add(["f",2,"/QE="]);
