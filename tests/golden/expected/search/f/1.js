window.gwsiteSearch.add(["f",1,"zQE="]);
