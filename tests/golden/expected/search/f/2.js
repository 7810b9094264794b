window.gwsiteSearch.add(["f",2,"7w8="]);
